import Foundation

/// Finds the faces of an image exactly as the analysis does (same decoder, working resolution and
/// cascade), for work that needs them before the analysis has ended (a face-gravity crop).
public final class FaceDetector: Sendable {
    private let configuration: VisionConfiguration
    private let decoder: ImageDecoder
    private let faces: FaceAnalyzer

    public init(configuration: VisionConfiguration = VisionConfiguration()) throws {
        try configuration.validate()
        self.configuration = configuration
        decoder = ImageDecoder(maxPixels: configuration.maxPixels)
        faces = FaceAnalyzer(cascade: try FaceCascade(path: configuration.cascadePath))
    }

    /// The face boxes in upright original-image pixels.
    public func faces(in data: Data, deadline: ContinuousClock.Instant) throws -> [FaceLocation] {
        let (image, _) = try decoder.decode(data)
        let context = AnalysisContext(image: image, workingPixels: configuration.workingPixels, deadline: deadline)
        var report = AnalysisReport()
        try faces.analyze(context, into: &report)
        return report.faces?.faceLocations ?? []
    }
}
