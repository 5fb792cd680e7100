/// Why a header cannot be read: the bytes are no accepted format, or a known format's header is
/// damaged or cut short. Callers map these to their own errors (HTTP statuses, job messages).
public enum ImageHeaderError: Error, Equatable, Sendable {
    case unsupportedFormat
    case damaged(ImageFormat)
}
