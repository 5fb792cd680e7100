/// Why a header cannot be read or is refused: the bytes are no accepted format, a known format's
/// header is damaged or cut short, or the header declares more than decoding can take or should
/// spend. Callers map these to their own errors (HTTP statuses, job messages).
public enum ImageHeaderError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedFormat
    case damaged(ImageFormat)
    /// A side is longer than `limit`, the most the format's decoder or Peek's annotated JPEG takes.
    case sideTooLong(ImageHeader.Axis, length: Int, limit: Int)
    /// A JPEG has more scans than `limit`, the most Peek decodes for an image of its size.
    case tooManyScans(count: Int, limit: Int)

    /// What went wrong, in words fit for the person or program that sent the image.
    public var description: String {
        switch self {
        case .unsupportedFormat:
            "no known image signature"
        case .damaged(let format):
            "the file starts like a \(format.rawValue) image but its header is damaged or cut short"
        case .sideTooLong(let axis, let length, let limit):
            "the image is \(length) px \(axis.adjective); the limit for a side is \(limit) px"
        case .tooManyScans(let count, let limit):
            "the JPEG has \(count) scans; the limit for an image of its size is \(limit) scans"
        }
    }
}
