import Access
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/session`: POST logs in (a session cookie; failures limited per account and per address),
/// GET says who is logged in, DELETE logs out (the session ends on the server, not just in the browser).
public struct SessionHandler: Handler {
    let configuration: PeekConfiguration
    let logger: Logger
    let databases: DatabaseProvider

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET", "POST", "DELETE")
        guard request.path == "/api/session" else { throw RequestError.noSuchRoute(path: request.path) }
        let database = try databases.get()
        switch request.method {
        case "POST": return try logIn(request, database)
        case "DELETE": return try logOut(request, database)
        default:
            // Whatever was sent (nothing, a stale cookie, a revoked token), the answer is the same.
            let caller: Caller
            do {
                caller = try Authenticator(accounts: database.accounts).caller(of: request)
            } catch RequestError.notLoggedIn {
                caller = .anonymous
            }
            guard case .owner(let user, let credential) = caller else { throw RequestError.noSession }
            return .json(.ok, encoding: SessionView(user: user, session: credential.session))
        }
    }

    private func logIn(_ request: Request, _ database: any DatabaseBackend) throws -> Response {
        let login = try JSONBody.decode(AccountCredentials.self, from: request)
        let byAccount = AttemptLimiter(ledger: database.failures, scope: "login-account",
                                       limit: configuration.loginFailuresPerAccount)
        let byAddress = AttemptLimiter(ledger: database.failures, scope: "login-address",
                                       limit: configuration.loginFailuresPerAddress)
        let accountKey = login.username.lowercased()
        try byAccount.check(accountKey)
        try byAddress.check(request.clientAddress)
        let account = try database.accounts.user(named: login.username)
        // Checked against a decoy hash when there is no such account: both failures take as long.
        guard PasswordHasher.verify(login.password, against: account?.passwordHash), let user = account?.user else {
            try byAccount.recordFailure(accountKey)
            try byAddress.recordFailure(request.clientAddress)
            logger.notice("login failed", metadata: ["client": "\(request.clientAddress)", "request.id": "\(request.requestID)"])
            throw RequestError.wrongCredentials
        }
        let token = try SecretToken.generate()
        let now = Date().timeIntervalSince1970
        let expiresAt = now + configuration.sessionSeconds
        try database.accounts.startSession(userID: user.id, tokenHash: token.storedHash, at: now, expiresAt: expiresAt)
        logger.info("logged in", metadata: ["user.id": "\(user.id)", "request.id": "\(request.requestID)"])
        let cookie = Cookie(name: Authenticator.sessionCookie, value: token.text, maxAge: Int(configuration.sessionSeconds),
                            secure: secure(request))
        return .json(.ok, encoding: SessionView(user: user, session: (token.text, expiresAt)), headers: [cookie.header])
    }

    private func logOut(_ request: Request, _ database: any DatabaseBackend) throws -> Response {
        if case .owner(_, .session(let token, _)) = try Authenticator(accounts: database.accounts).caller(of: request) {
            try database.accounts.endSession(tokenHash: SecretToken(text: token).storedHash)
        }
        var response = Response.noContent
        response.headers.append(Cookie.clearing(Authenticator.sessionCookie, secure: secure(request)).header)
        return response
    }

    private func secure(_ request: Request) -> Bool { configuration.secureCookies || request.isHTTPS }
}

extension Caller.Credential {
    /// The session's token and expiry when the credential is the session cookie.
    var session: (token: String, expiresAt: Double)? {
        if case .session(let token, let expiresAt) = self { return (token, expiresAt) }
        return nil
    }
}
