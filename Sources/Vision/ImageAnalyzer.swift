import Foundation

/// Computes the insights and the annotated copy of images; loads the cascade and the OCR model once and may be shared between threads.
public final class ImageAnalyzer: Sendable {
    public let configuration: VisionConfiguration
    private let decoder: ImageDecoder
    private let pipeline: AnalysisPipeline

    public init(configuration: VisionConfiguration = VisionConfiguration()) throws {
        try configuration.validate()
        self.configuration = configuration
        decoder = ImageDecoder(maxPixels: configuration.maxPixels)
        let colors = ColorAnalyzer(maxSamples: configuration.colorSamples)
        let faces = FaceAnalyzer(cascade: try FaceCascade(path: configuration.cascadePath))
        let text = TextAnalyzer(recognizer: try TextRecognizer(dataPath: configuration.tessdataPath,
                                                               language: configuration.language))
        // Haar detection is about two thirds of the work (and spreads over OpenCV's own threads):
        // it gets a lane of its own, the other analyzers share the second one.
        pipeline = AnalysisPipeline(lanes: configuration.concurrent
            ? [[faces], [QualityAnalyzer(), colors, SceneAnalyzer(), text]]
            : [[colors, faces, QualityAnalyzer(), SceneAnalyzer(), text]])
    }

    /// Decodes and analyses one image; throws `VisionError` when the image is refused or `deadline` passes.
    public func analyze(_ data: Data, deadline: ContinuousClock.Instant) throws -> Analysis {
        let (image, format) = try decoder.decode(data)
        let context = try AnalysisContext(image: image, workingPixels: configuration.workingPixels, deadline: deadline)
        let report = try pipeline.run(context)
        let insights = try report.insights(image: ImageInfo(width: image.width, height: image.height, format: format))
        try context.checkDeadline(before: "annotation")
        return Analysis(insights: insights,
                        annotatedJPEG: try FaceAnnotator.annotatedJPEG(drawingOn: image, faces: insights.faces.faceLocations))
    }
}
