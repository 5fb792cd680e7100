import Access
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `POST /api/users`: an owner registers themselves, where the administrator opened registration
/// (`PEEK_REGISTRATION=open`); otherwise accounts come from `peek-admin user add`.
public struct UsersHandler: Handler {
    let configuration: PeekConfiguration
    let logger: Logger
    let databases: DatabaseProvider

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("POST")
        guard request.path == "/api/users" else { throw RequestError.noSuchRoute(path: request.path) }
        guard configuration.registrationOpen else { throw RequestError.registrationClosed }
        let registration = try JSONBody.decode(AccountCredentials.self, from: request)
        try AccountRules.check(username: registration.username)
        try AccountRules.check(password: registration.password)
        let user: User
        do {
            user = try databases.get().accounts.createUser(username: registration.username,
                                                           passwordHash: try PasswordHasher.hash(registration.password),
                                                           at: Date().timeIntervalSince1970)
        } catch StoreError.conflict {
            throw RequestError.usernameTaken(registration.username)
        }
        logger.info("account registered", metadata: ["user.id": "\(user.id)", "request.id": "\(request.requestID)"])
        return .json(.created, encoding: UserView(user))
    }
}

/// An account as `POST /api/users` answers it.
struct UserView: Encodable {
    let id: Int64
    let username: String
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, username
        case createdAt = "created_at"
    }

    init(_ user: User) {
        id = user.id
        username = user.username
        createdAt = Timestamp.string(user.createdAt)
    }
}
