import Access
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/tokens`: an owner's API tokens for `curl` (`Authorization: Bearer …`). A new token is
/// shown once, in the answer that made it; only its hash is kept.
public struct TokensHandler: Handler {
    let logger: Logger
    let databases: DatabaseProvider

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
    }

    struct NewToken: Decodable {
        let name: String
    }

    public func handle(_ request: Request) throws -> Response {
        let database = try databases.get()
        let rest = ImagePath.remainder(of: request.path, after: "/api/tokens") ?? ""
        if rest.isEmpty {
            try request.requireMethod("GET", "POST")
            let (user, _) = try Authenticator(accounts: database.accounts).owner(of: request)
            return request.method == "POST" ? try create(for: user, request, database) : try list(for: user, database)
        }
        let components = try ImagePath.components(of: request.path, after: "/api/tokens/")
        guard components.count == 1 else { throw RequestError.noSuchRoute(path: request.path) }
        try request.requireMethod("DELETE")
        let (user, _) = try Authenticator(accounts: database.accounts).owner(of: request)
        guard try database.accounts.revokeToken(id: String(components[0]), userID: user.id) else {
            throw RequestError.notFound("API token with id \(components[0])")
        }
        logger.info("API token revoked", metadata: ["user.id": "\(user.id)", "token.id": "\(components[0])"])
        return .noContent
    }

    private func create(for user: User, _ request: Request, _ database: any DatabaseBackend) throws -> Response {
        let name = try TypedText.name(try JSONBody.decode(NewToken.self, from: request).name, field: "name", length: 1...100)
        let token = try SecretToken.generate(prefix: "peek_")
        let id = ImageID.generate()
        let now = Date().timeIntervalSince1970
        try database.accounts.createToken(id: id, userID: user.id, name: name, tokenHash: token.storedHash, at: now)
        logger.info("API token made", metadata: ["user.id": "\(user.id)", "token.id": "\(id)"])
        return .json(.created, encoding: NewTokenView(id: id, name: name, token: token.text, createdAt: Timestamp.string(now)))
    }

    private func list(for user: User, _ database: any DatabaseBackend) throws -> Response {
        .json(.ok, encoding: ["tokens": try database.accounts.tokens(userID: user.id).map { TokenView($0) }])
    }
}

/// An API token as listed: never the token itself.
struct TokenView: Encodable {
    let id: String
    let name: String
    let createdAt: String
    @EncodedAsNull var lastUsedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
    }

    init(_ token: APIToken) {
        id = token.id
        name = token.name
        createdAt = Timestamp.string(token.createdAt)
        lastUsedAt = token.lastUsedAt.map(Timestamp.string)
    }
}

/// A token just made: the only answer that holds it.
struct NewTokenView: Encodable {
    let id: String
    let name: String
    let token: String
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, name, token
        case createdAt = "created_at"
    }
}
