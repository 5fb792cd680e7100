/// The one error type of the request path: an HTTP status, a message safe to show the client,
/// and internal detail that only goes to the log.
public struct PeekError: Error, CustomStringConvertible {
    public let status: HTTPStatus
    public let publicMessage: String
    public let detail: String?
    /// Extra response headers the status requires (`Allow` for 405).
    public let headers: [(String, String)]

    public init(_ status: HTTPStatus, _ publicMessage: String, detail: String? = nil, headers: [(String, String)] = []) {
        self.status = status
        self.publicMessage = publicMessage
        self.detail = detail
        self.headers = headers
    }

    public var description: String {
        "\(status.rawValue) \(publicMessage)" + (detail.map { " (\($0))" } ?? "")
    }

    public static func badRequest(_ message: String, detail: String? = nil) -> PeekError {
        PeekError(.badRequest, message, detail: detail)
    }
    public static func notFound(_ message: String) -> PeekError { PeekError(.notFound, message) }
    public static func methodNotAllowed(_ method: String, allowed: [String]) -> PeekError {
        PeekError(.methodNotAllowed, "method \(method) is not allowed here; use \(allowed.joined(separator: " or "))",
                  headers: [("Allow", allowed.joined(separator: ", "))])
    }
    public static func tooLarge(_ message: String) -> PeekError { PeekError(.payloadTooLarge, message) }
    public static func unsupportedType(_ message: String) -> PeekError { PeekError(.unsupportedMediaType, message) }
    public static func undecodable(_ message: String, detail: String? = nil) -> PeekError {
        PeekError(.unprocessableEntity, message, detail: detail)
    }
    public static func unavailable(_ message: String, detail: String? = nil) -> PeekError {
        PeekError(.serviceUnavailable, message, detail: detail)
    }
    public static func `internal`(detail: String) -> PeekError {
        PeekError(.internalServerError, "internal server error", detail: detail)
    }
}
