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
    /// A transform that cannot be done as asked: a bad step (named), too many steps, a result
    /// over the limits.
    case invalidTransform(String)
    /// A `/t/` path without the signature the server's transform key requires, or with a wrong one.
    case badSignature
    /// The source of a transform is over the pixel limit.
    case transformSourceTooLarge(String)
    /// The source is a known format the decoder cannot read.
    case undecodableImage(String)
    /// The image library failed on a source it had accepted; the detail is for the log.
    case transformFailed(detail: String)
    /// nginx named a body file outside the upload folder: a misconfiguration, never read.
    case bodyFileOutsideUploads(path: String, folder: String)

    // JSON bodies
    case notJSON
    case malformedJSON
    case bodyTooLarge(limitBytes: Int)
    /// A field of a JSON body or a form: `name` and what is wrong with it ("is missing", "must be …").
    case invalidField(name: String, problem: String)

    // Owners and their credentials
    /// The route needs a logged-in owner; `reason` says what was wrong with what was sent, if anything.
    case notLoggedIn(reason: String?)
    /// `GET /api/session` of someone not logged in.
    case noSession
    /// A cookie-authenticated write without its session's `X-CSRF-Token`.
    case missingCSRFToken
    case registrationClosed
    case usernameTaken(String)
    case wrongCredentials
    /// Too many failed attempts; retry after that many seconds.
    case tooManyAttempts(retryAfterSeconds: Int)
    case anonymousUploadsClosed
    /// An album, share or token that does not exist for this caller (another owner's looks the same).
    case notFound(String)
    case wrongDeleteToken

    // Models
    /// A model package that breaks a rule of SPEC §11; the message says which.
    case invalidPackage(String)
    /// A run of a version that is not ready: still building, or its build failed (`error`).
    case versionNotReady(building: Bool, error: String?)
    /// A change to a model that only its owner may make (others may only run a public model).
    case notModelOwner

    // Share links
    /// Unknown, revoked or expired: all look the same.
    case shareUnavailable
    case sharePasswordRequired(token: String)
    case wrongSharePassword
}
