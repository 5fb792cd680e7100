import Foundation
import PeekCore

/// A status, headers and body, written back to nginx in CGI response format.
public struct Response {
    public var status: HTTPStatus
    public var headers: [(String, String)]
    public var body: Data

    public init(status: HTTPStatus, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

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
        json(error.status, encoding: ["error": error.message], headers: error.headers)
    }

    /// The CGI wire form: `Status:` line, headers, blank line, body.
    public func serialized(includeBody: Bool = true) -> Data {
        var head = "Status: \(status.rawValue) \(status.reasonPhrase)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if includeBody && !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        var wire = Data(head.utf8)
        if includeBody { wire.append(body) }
        return wire
    }
}
