/// Why a body is not the multipart/form-data upload it should be.
public enum MultipartError: Error, Equatable, Sendable {
    /// The Content-Type is not multipart/form-data at all.
    case notFormData
    /// The envelope is broken; the reason names how.
    case malformed(String)
}
