import ImageInspection

/// The formats the engine writes.
public enum OutputFormat: String, CaseIterable, Sendable {
    case jpeg
    case png
    case webp

    /// Quality when a transform names none (libvips' own default, 75, is visibly soft on photos).
    public static let defaultQuality = 85

    public var contentType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        }
    }

    /// False for PNG, which is lossless: a quality would change nothing.
    public var usesQuality: Bool { self != .png }

    /// What a source becomes when no `format` step is given: its own format, except GIF and
    /// BMP, which become PNG (lossless, keeps transparency).
    public init(keeping source: ImageFormat) {
        switch source {
        case .jpeg: self = .jpeg
        case .webp: self = .webp
        case .png, .gif, .bmp: self = .png
        }
    }
}
