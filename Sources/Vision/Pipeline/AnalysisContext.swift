import Foundation

/// What every analyzer reads: the upright image in the forms they need, prepared once, and the job's deadline.
// Immutable after init but for the RGB copy (made once, under its lock), and OpenCV only reads
// these images, so lanes may share it.
final class AnalysisContext: @unchecked Sendable {
    /// Full-resolution BGR.
    let image: CVImage
    /// Full-resolution grey, the quality measures' input.
    let grey: CVImage
    /// `image` shrunk to the working resolution for detection and OCR; `image` itself when small enough.
    let working: CVImage
    /// Grey of `working`; `grey` itself when not shrunk.
    let workingGrey: CVImage
    let deadline: ContinuousClock.Instant

    init(image: CVImage, workingPixels: Int?, deadline: ContinuousClock.Instant) throws {
        self.image = image
        self.deadline = deadline
        grey = try image.grey()
        working = try image.fitted(maxPixels: workingPixels)
        workingGrey = working === image ? grey : try working.grey()
    }

    private let rgbLock = NSLock()
    private var rgbCopy: [UInt8]?

    /// `image` as RGB rows (what Tesseract and the renditions read), converted once for all.
    func rgb() throws -> [UInt8] {
        rgbLock.lock()
        defer { rgbLock.unlock() }
        if let rgbCopy { return rgbCopy }
        let pixels = try image.rgbPixels()
        rgbCopy = pixels
        return pixels
    }

    var remaining: Duration { deadline - .now }

    func checkDeadline(before stage: String) throws {
        guard ContinuousClock.now < deadline else { throw VisionError.timedOut(stage: stage) }
    }

    /// Maps a box found on `working` back to original-image pixels.
    func originalLocation(of box: FaceLocation) -> FaceLocation {
        let scaleX = Double(image.width) / Double(working.width)
        let scaleY = Double(image.height) / Double(working.height)
        let x = min(Int((Double(box.x) * scaleX).rounded()), image.width - 1)
        let y = min(Int((Double(box.y) * scaleY).rounded()), image.height - 1)
        return FaceLocation(x: x, y: y,
                            width: min(Int((Double(box.width) * scaleX).rounded()), image.width - x),
                            height: min(Int((Double(box.height) * scaleY).rounded()), image.height - y))
    }
}
