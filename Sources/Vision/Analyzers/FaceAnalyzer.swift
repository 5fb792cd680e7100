/// Frontal faces by the Haar cascade with the original Peek's parameters, on the working-resolution grey image.
struct FaceAnalyzer: Analyzer {
    let name = "faces"
    let cascade: FaceCascade

    func analyze(_ context: AnalysisContext, into report: inout AnalysisReport) throws {
        let working = try context.working()
        let found = try cascade.detect(in: try context.workingGrey(), scaleFactor: 1.1, minNeighbors: 5, minSize: 30)
        report.faces = FaceInsights(faceLocations: found.map { context.originalLocation(of: $0, foundOn: working) })
    }
}
