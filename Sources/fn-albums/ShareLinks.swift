import Access
import AlbumService
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/albums/ID/shares[/SID]`: the share links of one album its owner is asking about.
struct ShareLinks {
    let album: Album
    let catalog: any AlbumCatalog
    let logger: Logger

    /// `POST` and `PATCH` bodies. A JSON null is told apart from an absent field: null removes.
    struct Fields: Decodable {
        let revoked: Bool?
        let password: String??
        let expiresAt: String??

        enum CodingKeys: String, CodingKey {
            case revoked, password
            case expiresAt = "expires_at"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // null is no answer to "revoked?": only true or false.
            revoked = container.contains(.revoked) ? try container.decode(Bool.self, forKey: .revoked) : nil
            password = container.contains(.password) ? .some(try container.decodeIfPresent(String.self, forKey: .password)) : nil
            expiresAt = container.contains(.expiresAt) ? .some(try container.decodeIfPresent(String.self, forKey: .expiresAt)) : nil
        }
    }

    func handleCollection(_ request: Request) throws -> Response {
        try request.requireMethod("GET", "POST")
        if request.method == "GET" {
            let now = Date().timeIntervalSince1970
            return .json(.ok, encoding: ["shares": try catalog.shares(albumID: album.id).map { ShareView($0, now: now) }])
        }
        let fields = try JSONBody.decode(Fields.self, from: request)
        let token = try SecretToken.generate()
        let share = Share(id: ImageID.generate(), albumID: album.id, tokenHash: token.storedHash,
                          passwordHash: try Self.passwordHash(fields.password ?? nil),
                          expiresAt: try Self.expiry(fields.expiresAt ?? nil), revoked: false,
                          createdAt: Date().timeIntervalSince1970)
        try catalog.createShare(share)
        logger.info("share link made", metadata: ["album.id": "\(album.id)", "share.id": "\(share.id)",
                                                  "password": "\(share.passwordHash != nil)"])
        return .json(.created, encoding: ShareView(share, token: token.text))
    }

    func handleOne(_ request: Request, id: Substring) throws -> Response {
        try request.requireMethod("PATCH", "DELETE")
        let missing = RequestError.notFound("share link with id \(id) in this album")
        if request.method == "DELETE" {
            guard try catalog.deleteShare(String(id), albumID: album.id) else { throw missing }
            logger.info("share link deleted", metadata: ["share.id": "\(id)"])
            return .noContent
        }
        let fields = try JSONBody.decode(Fields.self, from: request)
        let change = ShareChange(revoked: fields.revoked,
                                 passwordHash: try fields.password.map { try Self.passwordHash($0) },
                                 expiresAt: try fields.expiresAt.map { try Self.expiry($0) })
        guard let share = try catalog.updateShare(String(id), albumID: album.id, change: change) else { throw missing }
        logger.info("share link changed", metadata: ["share.id": "\(id)", "state": "\(share.state(at: Date().timeIntervalSince1970))"])
        return .json(.ok, encoding: ShareView(share))
    }

    private static func passwordHash(_ password: String?) throws -> String? {
        guard let password else { return nil }
        try AccountRules.check(password: password)
        return try PasswordHasher.hash(password)
    }

    private static func expiry(_ text: String?) throws(RequestError) -> Double? {
        guard let text else { return nil }
        guard let seconds = Timestamp.seconds(text) else {
            throw .invalidField(name: "expires_at", problem: "must be a date and time such as 2026-12-31T23:59:00Z")
        }
        guard seconds > Date().timeIntervalSince1970 else { throw .invalidField(name: "expires_at", problem: "must be in the future") }
        return seconds
    }
}
