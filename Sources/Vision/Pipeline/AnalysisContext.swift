import Foundation

/// What every analyzer reads: the upright image in the forms they need, each made once, by the
/// first lane that asks for it (so that the lanes start at once and make them side by side), and
/// the job's deadline.
// OpenCV only reads these images, and each derived one is made under its own lock, so lanes may share it.
final class AnalysisContext: @unchecked Sendable {
    /// Full-resolution BGR.
    let image: CVImage
    let deadline: ContinuousClock.Instant
    private let workingPixels: Int?
    private let greyImage = Once<CVImage>()
    private let workingImage = Once<CVImage>()
    private let workingGreyImage = Once<CVImage>()
    private let rgbCopy = Once<[UInt8]>()

    init(image: CVImage, workingPixels: Int?, deadline: ContinuousClock.Instant) {
        self.image = image
        self.workingPixels = workingPixels
        self.deadline = deadline
    }

    /// Full-resolution grey, the quality measures' input.
    func grey() throws -> CVImage {
        try greyImage.get { try image.grey() }
    }

    /// `image` shrunk to the working resolution for detection and OCR; `image` itself when small enough.
    func working() throws -> CVImage {
        try workingImage.get { try image.fitted(maxPixels: workingPixels) }
    }

    /// Grey of `working`; `grey` itself when not shrunk.
    func workingGrey() throws -> CVImage {
        let working = try working()
        return working === image ? try grey() : try workingGreyImage.get { try working.grey() }
    }

    /// `image` as RGB rows (what Tesseract and the renditions read).
    func rgb() throws -> [UInt8] {
        try rgbCopy.get { try image.rgbPixels() }
    }

    var remaining: Duration { deadline - .now }

    func checkDeadline(before stage: String) throws {
        guard ContinuousClock.now < deadline else { throw VisionError.timedOut(stage: stage) }
    }

    /// Maps a box found on `working` back to original-image pixels.
    func originalLocation(of box: FaceLocation, foundOn working: CVImage) -> FaceLocation {
        let scaleX = Double(image.width) / Double(working.width)
        let scaleY = Double(image.height) / Double(working.height)
        let x = min(Int((Double(box.x) * scaleX).rounded()), image.width - 1)
        let y = min(Int((Double(box.y) * scaleY).rounded()), image.height - 1)
        return FaceLocation(x: x, y: y,
                            width: min(Int((Double(box.width) * scaleX).rounded()), image.width - x),
                            height: min(Int((Double(box.height) * scaleY).rounded()), image.height - y))
    }
}

/// A value made once, on first use, by whichever thread asks first (the others wait for it).
private final class Once<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func get(_ make: () throws -> Value) throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = try make()
        value = made
        return made
    }
}
