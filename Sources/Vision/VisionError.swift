/// Why an image could not be analysed: a message safe to show users, and internal detail for logs.
public enum VisionError: Error, Equatable, CustomStringConvertible {
    /// The bytes are none of PNG, JPEG, GIF, BMP or WEBP.
    case unsupportedFormat
    /// The format was recognised but its data is damaged or truncated.
    case undecodable(detail: String)
    /// The image has more pixels than the configured limit (a decompression bomb, say).
    case tooLarge(width: Int, height: Int, limit: Int)
    /// The deadline passed before `stage` could run or finish.
    case timedOut(stage: String)
    /// The configuration is unusable (a missing cascade or language file).
    case configuration(detail: String)
    /// A library failed in a way the input does not explain.
    case internalFailure(detail: String)

    /// The text to show the person or program that sent the image.
    public var publicMessage: String {
        switch self {
        case .unsupportedFormat: "unsupported image format"
        case .undecodable: "image could not be decoded"
        case .tooLarge: "image has too many pixels"
        case .timedOut: "analysis timed out"
        case .configuration, .internalFailure: "image analysis failed"
        }
    }

    /// What went wrong, for logs only: it may quote library messages.
    public var detail: String {
        switch self {
        case .unsupportedFormat: "no known image signature"
        case .undecodable(let detail), .configuration(let detail), .internalFailure(let detail): detail
        case .tooLarge(let width, let height, let limit): "\(width)x\(height) exceeds \(limit) pixels"
        case .timedOut(let stage): "deadline passed at \(stage)"
        }
    }

    public var description: String { "\(publicMessage) (\(detail))" }
}
