import Access
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore
import SessionFunction

/// An owner account in a function fixture, logged in as fn-session would log them in.
struct Owner {
    let user: User
    let cookie: String
    let csrf: String

    /// The request parameters of this owner's browser: the session cookie, and the CSRF header.
    var browser: [String: String] { ["HTTP_COOKIE": "peek_session=\(cookie)", "HTTP_X_CSRF_TOKEN": csrf] }
    /// The cookie alone, as a cross-site form would send it.
    var cookieOnly: [String: String] { ["HTTP_COOKIE": "peek_session=\(cookie)"] }
}

extension FunctionFixture {
    func owner(_ name: String, password: String = "password \(UUID().uuidString)") throws -> Owner {
        let user = try database.accounts.createUser(username: name, passwordHash: try PasswordHasher.hash(password),
                                                    at: Date().timeIntervalSince1970)
        let answer = respond(SessionHandler(configuration: configuration, logger: Logger(label: "test")),
                             jsonRequest("POST", "/api/session", ["username": name, "password": password]))
        let cookie = answer.headers["Set-Cookie"]?.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last
        return Owner(user: user, cookie: String(cookie ?? ""), csrf: answer.json["csrf_token"] as? String ?? "")
    }
}

/// A request with a JSON body.
func jsonRequest(_ method: String, _ path: String, _ body: [String: Any] = [:],
                 parameters: [String: String] = [:]) -> Request {
    let data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
    return request(method, path, contentType: "application/json", body: [UInt8](data), parameters: parameters)
}
