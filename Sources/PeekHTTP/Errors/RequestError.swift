/// What is wrong with a request, found by the HTTP layer or a handler. `PublicError` chooses
/// the status and the words the client reads.
public enum RequestError: Error, Equatable, Sendable {
    case noSuchRoute(path: String, hint: String? = nil)
    case methodNotAllowed(method: String, allowed: [String])
    case malformedImageID
    case unknownImage(id: String)
    /// The annotated copy or a preset of an image that is still being analysed.
    case variantNotReady(variant: String, id: String)
    /// The annotated copy or a preset of an image whose analysis failed or made none.
    case variantMissing(variant: String, failed: Bool)
    case missingField(name: String)
    case emptyFile
    case uploadTooLarge(limitBytes: Int)
    case tooManyPixels(width: Int, height: Int, maxPixels: Int)
    case uploadInterrupted
    /// nginx named a body file outside the upload folder: a misconfiguration, never read.
    case bodyFileOutsideUploads(path: String, folder: String)
}
