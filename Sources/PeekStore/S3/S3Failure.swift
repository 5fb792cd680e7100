import Foundation

/// How an S3 reply is judged: worth a retry, refused for good, or the error code it carries.
public enum S3Failure {
    /// Error codes that mean the key pair itself is wrong (not a missing permission or object).
    static let credentialCodes: Set<String> = ["SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidToken",
                                               "AuthorizationHeaderMalformed", "RequestTimeTooSkewed"]

    public static func isCredentialProblem(_ code: String) -> Bool { credentialCodes.contains(code) }

    /// Statuses a server answers while it is overloaded, restarting or behind a failing proxy.
    static func isTransient(_ status: Int) -> Bool { [500, 502, 503, 504].contains(status) }

    /// The `<Code>` of an S3 error document, or a name for the status when there is none (a HEAD has no body).
    static func code(of reply: CurlTransfer.Reply) -> String {
        if let code = S3XML.values(of: "Code", in: reply.body).first { return code }
        switch reply.status {
        case 400: return "BadRequest"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        default: return "HTTP \(reply.status)"
        }
    }
}
