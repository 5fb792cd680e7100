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
        // Haar detection (spread over OpenCV's threads) in one lane, OCR in a second, the
        // whole-image measures in a third: on a large photo each is a few tenths of the work,
        // and the operating system spreads the lanes over the cores.
        pipeline = AnalysisPipeline(lanes: configuration.concurrent
            ? [[faces], [text], [QualityAnalyzer(), colors, SceneAnalyzer()]]
            : [[colors, faces, QualityAnalyzer(), SceneAnalyzer(), text]])
    }

    /// Decodes and analyses one image; throws `VisionError` when the image is refused or `deadline` passes.
    /// `alongside`, when given, runs on a thread of its own beside the analyzers with the decoded
    /// pixels (only once the bytes decoded), and the analysis returns or throws once it has ended.
    public func analyze(_ data: Data, deadline: ContinuousClock.Instant,
                        alongside: (@Sendable (DecodedImage) -> Void)? = nil) throws -> Analysis {
        let (image, format) = try decoder.decode(data)
        let context = AnalysisContext(image: image, workingPixels: configuration.workingPixels, deadline: deadline)
        let side = alongside.map { SideWork(image: image, work: $0) }
        defer { side?.wait() }
        let report = try pipeline.run(context)
        let insights = try report.insights(image: ImageInfo(width: image.width, height: image.height, format: format))
        try context.checkDeadline(before: "annotation")
        // The boxes are drawn on the decoded image itself once the side work has let go of it;
        // the drawing and encoding then overlap with the rest of the side work.
        side?.waitForPixels()
        return Analysis(insights: insights,
                        annotatedJPEG: try FaceAnnotator.annotatedJPEG(drawingOn: image, faces: insights.faces.faceLocations))
    }
}

/// Work beside the analyzers on a thread of its own (not the dispatch pool, whose threads the
/// lanes may all hold), lent the decoded pixels.
private final class SideWork: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let pixels: DecodedImage

    init(image: CVImage, work: @escaping @Sendable (DecodedImage) -> Void) {
        let pixels = DecodedImage(image)
        self.pixels = pixels
        let thread = Thread { [done] in
            work(pixels)
            pixels.release()
            done.signal()
        }
        thread.name = "analysis side work"
        thread.start()
    }

    func waitForPixels() {
        pixels.waitUntilReleased()
    }

    func wait() {
        done.wait()
    }
}
