/// Why a transform or a rendition was refused or failed. `description` is the public message
/// (for a 4xx body); `internalDetail` is libvips' text, for logs only.
public enum TransformError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `step` as written, `reason` what is wrong with it.
    case badStep(step: String, reason: String)
    case tooManySteps(count: Int, limit: Int)
    /// The result of `step` (nil: the source itself, when no step changes its size) is over the limits.
    case outputTooLarge(step: String?, size: PixelSize, limits: TransformLimits)
    /// The source's header declares more pixels than `TransformLimits.maxSourcePixels`.
    case sourceTooLarge(size: PixelSize, limit: Int)
    /// Not PNG, JPEG, GIF, BMP or WebP by its first bytes.
    case unsupportedSource
    /// A known format whose header or data cannot be decoded.
    case undecodableSource(detail: String)
    /// libvips failed on a source it had decoded, or a file could not be read or written.
    case processingFailed(detail: String)
    /// Limits or runtime settings that cannot work; for start-up checks.
    case invalidConfiguration(reason: String)

    public var description: String {
        switch self {
        case let .badStep(step, reason):
            "\(step): \(reason)"
        case let .tooManySteps(count, limit):
            "at most \(limit) steps, got \(count)"
        case let .outputTooLarge(step, size, limits):
            (step.map { "\($0): " } ?? "")
                + "the result would be \(size) px; at most \(limits.maxSide) px a side and \(Self.megapixels(limits.maxPixels)) MP"
        case let .sourceTooLarge(size, limit):
            "the image is \(size) px; at most \(Self.megapixels(limit)) MP"
        case .unsupportedSource:
            "unsupported image type; use PNG, JPEG, GIF, BMP or WebP"
        case .undecodableSource:
            "the image is damaged or cannot be decoded"
        case .processingFailed:
            "the image could not be processed"
        case let .invalidConfiguration(reason):
            reason
        }
    }

    /// The library's own message, never shown to clients.
    public var internalDetail: String? {
        switch self {
        case let .undecodableSource(detail), let .processingFailed(detail): detail
        default: nil
        }
    }

    private static func megapixels(_ pixels: Int) -> String {
        TransformStep.format(Double(pixels) / 1_000_000)
    }
}
