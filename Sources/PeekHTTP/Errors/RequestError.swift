/// What is wrong with a request, found by the HTTP layer or a handler. `PublicError` chooses
/// the status and the words the client reads.
public enum RequestError: Error, Equatable, Sendable {
    case noSuchRoute(path: String, hint: String? = nil)
    case methodNotAllowed(method: String, allowed: [String])
    case malformedImageID
    case unknownImage(id: String)
    case annotatedNotReady(id: String)
    case annotatedAfterFailure
    case missingField(name: String)
    case emptyFile
    case uploadTooLarge(limitBytes: Int)
    case tooManyPixels(width: Int, height: Int, maxPixels: Int)
    case uploadInterrupted
    /// nginx named a body file outside the upload folder: a misconfiguration, never read.
    case bodyFileOutsideUploads(path: String, folder: String)
}
