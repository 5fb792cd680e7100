import Foundation

/// One HTTP request as nginx hands it over in FastCGI/CGI parameters, plus a way to read its body.
public struct Request {
    public let parameters: [String: String]
    /// The body when nginx did not spool it to a file (CGI stdin or the FastCGI stream).
    public let bodyStream: BodyStream

    public init(parameters: [String: String], bodyStream: BodyStream) {
        self.parameters = parameters
        self.bodyStream = bodyStream
    }

    public var method: String { parameters["REQUEST_METHOD"] ?? "GET" }
    /// The decoded, normalised path nginx matched (`$document_uri`), never the raw request line.
    public var path: String { parameters["DOCUMENT_URI"] ?? parameters["PATH_INFO"] ?? "/" }
    public var contentType: String? { parameters["CONTENT_TYPE"] }
    public var contentLength: Int? { parameters["CONTENT_LENGTH"].flatMap { Int($0) } }
    /// Set by nginx (`client_body_in_file_only`): the file holding the whole request body.
    public var bodyFile: String? { parameters["REQUEST_BODY_FILE"].flatMap { $0.isEmpty ? nil : $0 } }
    /// The client's address (nginx's `$remote_addr`): whose backlog an upload joins.
    public var clientAddress: String { parameters["REMOTE_ADDR"] ?? "" }
    /// nginx's `$request_id`, never a header the client chose (it could forge log lines with one).
    public var requestID: String { parameters["REQUEST_ID"] ?? "-" }

    /// Whether nginx received the request over TLS.
    public var isHTTPS: Bool { parameters["HTTPS"] == "on" }
    /// A request header nginx passes on (fastcgi_params.peek names each one), or nil when absent or empty.
    public func header(_ parameter: String) -> String? {
        parameters[parameter].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The value of the cookie `name` (the first one, as browsers send the most specific path first).
    public func cookie(_ name: String) -> String? {
        guard let header = header("HTTP_COOKIE") else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The token of an `Authorization: Bearer …` header.
    public var bearerToken: String? {
        guard let header = header("HTTP_AUTHORIZATION") else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// Whether the method changes something (and so needs the CSRF token under a cookie).
    public var isWrite: Bool { !["GET", "HEAD", "OPTIONS"].contains(method) }

    /// Throws unless the method is one of `allowed` (HEAD is accepted wherever GET is).
    public func requireMethod(_ allowed: String...) throws(RequestError) {
        let accepted = allowed.contains("GET") ? allowed + ["HEAD"] : allowed
        guard accepted.contains(method) else { throw .methodNotAllowed(method: method, allowed: accepted) }
    }
}
