/// The annotated JPEG (face boxes drawn), as soon as the faces are known: it follows the face
/// analyzer in its lane, beside the analyzers still running in the other one.
struct AnnotationStep: Analyzer {
    let name = "annotation"

    func analyze(_ context: AnalysisContext, into report: inout AnalysisReport) throws {
        guard let faces = report.faces else {
            throw VisionError.internalFailure(detail: "annotation before face detection")
        }
        report.annotatedJPEG = try FaceAnnotator.annotatedJPEG(of: context.image, faces: faces.faceLocations)
    }
}
