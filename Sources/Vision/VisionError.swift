import ImageInspection

/// Why an image could not be analysed: a message safe to show users, and internal detail for logs.
public enum VisionError: Error, Equatable, CustomStringConvertible {
    /// The bytes are none of PNG, JPEG, GIF, BMP or WEBP.
    case unsupportedFormat
    /// The format was recognised but its data is damaged or truncated.
    case undecodable(detail: String)
    /// The image has more pixels than the configured limit (a decompression bomb, say).
    case tooLarge(width: Int, height: Int, limit: Int)
    /// A side is longer than its format's decoder or the annotated JPEG can take.
    case sideTooLong(ImageHeader.Axis, length: Int, limit: Int)
    /// A JPEG has more scans than Peek decodes for an image of its size: `count` as its markers
    /// declare it, or nil when the decoder met the limit itself.
    case tooManyScans(count: Int?, limit: Int)
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
        case .sideTooLong(let axis, let length, let limit):
            ImageHeaderError.sideTooLong(axis, length: length, limit: limit).description
        case .tooManyScans(let count?, let limit): ImageHeaderError.tooManyScans(count: count, limit: limit).description
        case .tooManyScans(nil, let limit): "the JPEG has more than \(limit) scans, the limit for an image of its size"
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
        case .sideTooLong(let axis, let length, let limit): "\(axis) of \(length) px exceeds \(limit)"
        case .tooManyScans(let count, let limit): "\(count.map(String.init) ?? "more than \(limit)") scans, limit \(limit)"
        case .timedOut(let stage): "deadline passed at \(stage)"
        }
    }

    public var description: String { "\(publicMessage) (\(detail))" }
}

extension VisionError {
    /// The decoder's error for what the header check found.
    init(_ error: ImageHeaderError) {
        switch error {
        case .unsupportedFormat: self = .unsupportedFormat
        case .damaged(let format): self = .undecodable(detail: "\(format.rawValue) header holds no valid size")
        case .sideTooLong(let axis, let length, let limit): self = .sideTooLong(axis, length: length, limit: limit)
        case .tooManyScans(let count, let limit): self = .tooManyScans(count: count, limit: limit)
        }
    }
}
