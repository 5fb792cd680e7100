import Foundation
import PeekCore

/// A status, headers and body, written back to nginx in CGI response format.
public struct Response {
    public var status: HTTPStatus
    public var headers: [(String, String)]
    public var body: Data
    /// A body written piece by piece after the head (an album's ZIP), never whole in memory; `body` is then unused.
    public var stream: ((BodyWriter) throws -> Void)?

    public init(status: HTTPStatus, headers: [(String, String)] = [], body: Data = Data(),
                stream: ((BodyWriter) throws -> Void)? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = stream
    }

    public static var noContent: Response { Response(status: .noContent) }

    /// A JSON response from an already serialised JSON document.
    public static func json(_ status: HTTPStatus, _ body: Data, headers: [(String, String)] = []) -> Response {
        Response(status: status,
                 headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")] + headers,
                 body: body)
    }

    public static func json<Body: Encodable>(_ status: HTTPStatus, encoding value: Body, headers: [(String, String)] = []) -> Response {
        json(status, JSON.encode(value), headers: headers)
    }

    public static func error(_ error: PublicError) -> Response {
        json(error.status, encoding: ErrorBody(error: error.message, passwordRequired: error.passwordRequired ? true : nil),
             headers: error.headers)
    }

    /// The CGI wire form: `Status:` line, headers, blank line, body.
    public func serialized(includeBody: Bool = true) -> Data {
        var head = "Status: \(status.rawValue) \(status.reasonPhrase)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if includeBody && !body.isEmpty && stream == nil { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        var wire = Data(head.utf8)
        if includeBody { wire.append(body) }
        return wire
    }
}

/// The JSON of every error: `{"error": message}`, with `password_required` when a share link asks for one.
private struct ErrorBody: Encodable {
    let error: String
    let passwordRequired: Bool?

    enum CodingKeys: String, CodingKey {
        case error
        case passwordRequired = "password_required"
    }
}
