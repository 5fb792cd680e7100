import Credentials
import Foundation
import PeekHTTP
import PeekStore

/// Finds the caller of a request: an API token (`Authorization: Bearer`) or the session cookie.
/// A cookie-authenticated write must carry its session's CSRF token; that is checked here, once
/// for every route.
public struct Authenticator {
    public static let sessionCookie = "peek_session"

    let accounts: any AccountCatalog
    let now: () -> Double

    public init(accounts: any AccountCatalog, now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.accounts = accounts
        self.now = now
    }

    /// The caller; throws for a Bearer token that opens nothing (the client meant to be someone)
    /// and for a cookie write without the CSRF token. A stale cookie is just anonymous.
    public func caller(of request: Request) throws -> Caller {
        if let token = request.bearerToken {
            guard let user = try accounts.tokenUser(tokenHash: SecretToken(text: token).storedHash, at: now()) else {
                throw RequestError.notLoggedIn(reason: "the API token is not valid (revoked, or mistyped)")
            }
            return .owner(user, .apiToken)
        }
        guard let cookie = request.cookie(Self.sessionCookie), !cookie.isEmpty else { return .anonymous }
        let token = SecretToken(text: cookie)
        guard let (user, expiresAt) = try accounts.sessionUser(tokenHash: token.storedHash, at: now()) else {
            return .anonymous
        }
        if request.isWrite {
            guard let sent = request.header("HTTP_X_CSRF_TOKEN"),
                  SecretToken.constantTimeEquals(sent, token.csrfToken) else { throw RequestError.missingCSRFToken }
        }
        return .owner(user, .session(token: cookie, expiresAt: expiresAt))
    }

    /// The logged-in owner, or a 401 that says how to log in.
    public func owner(of request: Request) throws -> (User, Caller) {
        let caller = try caller(of: request)
        guard let user = caller.user else { throw RequestError.notLoggedIn(reason: nil) }
        return (user, caller)
    }
}
