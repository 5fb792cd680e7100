import Foundation
import ImageInspection
import PeekCore
import PeekStore

/// The one place that decides what a client is told about a failure: the status and public
/// message for every error the layers below throw, and the detail that only goes to the log.
public struct PublicError: Sendable {
    public let status: HTTPStatus
    public let message: String
    public let headers: [(String, String)]
    /// For the log only; never sent to the client.
    public let detail: String?
    /// Sent beside the message as `"password_required": true`: the client should ask for a password.
    public let passwordRequired: Bool

    init(_ status: HTTPStatus, _ message: String, headers: [(String, String)] = [], detail: String? = nil,
         passwordRequired: Bool = false) {
        self.status = status
        self.message = message
        self.headers = headers
        self.detail = detail
        self.passwordRequired = passwordRequired
    }

    public init(_ error: any Error) {
        switch error {
        case let error as RequestError: self = Self.request(error)
        case let error as MultipartError: self = Self.multipart(error)
        case let error as ImageHeaderError: self = Self.imageHeader(error)
        case let error as StoreError: self = Self.store(error)
        case let error as FileError: self = Self.inFile(error.number, error.filename, PublicError(error.underlying))
        // A system call the layers below did not expect to fail, or an error without a mapping.
        default: self = Self(.internalServerError, "internal server error", detail: "\(error)")
        }
    }

    private static func request(_ error: RequestError) -> PublicError {
        switch error {
        case .noSuchRoute(let path, let hint):
            PublicError(.notFound, "no such route: \(path)" + (hint.map { "; \($0)" } ?? ""))
        case .methodNotAllowed(let method, let allowed):
            PublicError(.methodNotAllowed, "method \(method) is not allowed here; use \(allowed.joined(separator: " or "))",
                        headers: [("Allow", allowed.joined(separator: ", "))])
        case .malformedImageID:
            PublicError(.badRequest, "malformed image id: ids are \(ImageID.length) characters of A-Z a-z 0-9 - _")
        case .unknownImage(let id):
            PublicError(.notFound, "no image with id \(id)")
        case .variantNotReady(let variant, let id):
            PublicError(.notFound, "the \(variant) is not ready yet; poll /api/results/\(id) until it is completed")
        case .variantMissing(let variant, let failed):
            PublicError(.notFound, failed ? "there is no \(variant): the analysis failed" : "this image has no \(variant)")
        case .missingField(let name):
            PublicError(.badRequest, "the form has no field named \"\(name)\"")
        case .emptyFile:
            PublicError(.badRequest, "the image file is empty")
        case .uploadTooLarge(let limit):
            PublicError(.payloadTooLarge, PeekConfiguration.uploadTooLargeMessage(limitBytes: limit))
        case .tooManyPixels(let width, let height, let maxPixels):
            PublicError(.payloadTooLarge, "the image is \(width)×\(height) pixels; "
                        + "the limit is \((Double(maxPixels) / 1_000_000).formatted()) megapixels")
        case .uploadInterrupted:
            PublicError(.badRequest, "the upload was interrupted")
        case .invalidTransform(let message):
            PublicError(.badRequest, message)
        case .badSignature:
            PublicError(.forbidden, "this server requires signed transform paths: /api/image/ID/t/SIGNATURE/OPTIONS")
        case .transformSourceTooLarge(let message):
            PublicError(.payloadTooLarge, message)
        case .undecodableImage(let message):
            PublicError(.unprocessableEntity, message)
        case .transformFailed(let detail):
            PublicError(.internalServerError, "the image could not be processed", detail: detail)
        case .bodyFileOutsideUploads(let path, let folder):
            PublicError(.internalServerError, "internal server error", detail: "request body file \(path) is outside \(folder)")
        case .notJSON:
            PublicError(.unsupportedMediaType, "send the body as JSON (Content-Type: application/json)")
        case .malformedJSON:
            PublicError(.badRequest, "the body is not a valid JSON object")
        case .bodyTooLarge(let limit):
            PublicError(.payloadTooLarge, "the request body is larger than the \(limit / 1024) KiB limit")
        case .invalidField(let name, let problem):
            PublicError(.badRequest, "\(name) \(problem)")
        case .notLoggedIn(let reason):
            PublicError(.unauthorized, "log in first" + (reason.map { ": \($0)" } ?? ": POST /api/session, or send Authorization: Bearer TOKEN"))
        case .noSession:
            PublicError(.unauthorized, "not logged in")
        case .missingCSRFToken:
            PublicError(.forbidden, "this request needs the X-CSRF-Token header of your session (GET /api/session gives it)")
        case .registrationClosed:
            PublicError(.forbidden, "registration is closed; an administrator creates accounts with peek-admin user add")
        case .usernameTaken(let name):
            PublicError(.conflict, "the username \(name) is taken")
        case .wrongCredentials:
            PublicError(.unauthorized, "wrong username or password")
        case .tooManyAttempts(let seconds):
            PublicError(.tooManyRequests, "too many failed attempts; try again in \(seconds) seconds",
                        headers: [("Retry-After", "\(seconds)")])
        case .anonymousUploadsClosed:
            PublicError(.unauthorized, "this server accepts uploads only from logged-in owners: log in first")
        case .notFound(let what):
            PublicError(.notFound, "no \(what)")
        case .wrongDeleteToken:
            PublicError(.forbidden, "wrong or missing X-Delete-Token")
        case .invalidPackage(let message):
            PublicError(.badRequest, message)
        case .versionNotReady(let building, let error):
            PublicError(.conflict, building ? "this version is still building; poll it until its status is ready"
                        : "this version failed to build" + (error.map { ": \($0)" } ?? ""))
        case .notModelOwner:
            PublicError(.forbidden, "only the model's owner may change it or add versions")
        case .shareUnavailable:
            PublicError(.notFound, "no such share link (it may have been revoked or have expired)")
        case .sharePasswordRequired(let token):
            PublicError(.unauthorized, "this album is protected by a password: POST it to /api/shared/\(token)/unlock",
                        passwordRequired: true)
        case .wrongSharePassword:
            PublicError(.unauthorized, "wrong password")
        }
    }

    /// The error of one file among several, its number and name in front.
    static func inFile(_ number: Int, _ filename: String?, _ error: PublicError) -> PublicError {
        PublicError(error.status, "file \(number)\(filename.map { " (\($0))" } ?? ""): \(error.message)",
                    headers: error.headers, detail: error.detail)
    }

    private static func multipart(_ error: MultipartError) -> PublicError {
        switch error {
        case .notFormData:
            PublicError(.unsupportedMediaType, "send the image as multipart/form-data in a field named \"image\"")
        case .malformed(let reason):
            PublicError(.badRequest, "malformed multipart body: \(reason)")
        }
    }

    private static func imageHeader(_ error: ImageHeaderError) -> PublicError {
        switch error {
        case .unsupportedFormat:
            PublicError(.unsupportedMediaType, "unsupported image type: send a PNG, JPEG, GIF, BMP or WEBP file")
        case .damaged, .sideTooLong, .tooManyScans:
            PublicError(.unprocessableEntity, error.description)
        }
    }

    private static func store(_ error: StoreError) -> PublicError {
        let detail = "\(error)"
        return switch error {
        case .databaseMissing: PublicError(.serviceUnavailable, "the database is missing", detail: detail)
        case .databaseLocked:
            PublicError(.serviceUnavailable, "the database is locked by another process; try again shortly", detail: detail)
        case .databaseUnavailable: PublicError(.serviceUnavailable, "the database is not available", detail: detail)
        case .storage(let system) where system.isOutOfSpace:
            PublicError(.serviceUnavailable, "the server is out of disk space", detail: detail)
        case .storage: PublicError(.serviceUnavailable, "storage is not writable", detail: detail)
        case .wakeupPipe: PublicError(.serviceUnavailable, "the workers cannot be woken", detail: detail)
        case .clientBacklogFull(let limit):
            PublicError(.tooManyRequests, "you have \(limit) uploads waiting for analysis; wait for them to finish",
                        headers: [("Retry-After", "10")], detail: detail)
        case .queueFull:
            PublicError(.serviceUnavailable, "the analysis queue is full; try again later",
                        headers: [("Retry-After", "30")], detail: detail)
        case .notADigest: PublicError(.internalServerError, "internal server error", detail: detail)
        case .conflict: PublicError(.conflict, "\(error)")
        case .blobStoreUnavailable:
            PublicError(.serviceUnavailable, "blob storage is not available; try again shortly",
                        headers: [("Retry-After", "5")], detail: detail)
        case .blobStoreRefused(_, let code) where S3Failure.isCredentialProblem(code):
            PublicError(.serviceUnavailable, "blob storage refused the server's credentials", detail: detail)
        case .blobStoreRefused: PublicError(.serviceUnavailable, "blob storage refused the request", detail: detail)
        }
    }
}
