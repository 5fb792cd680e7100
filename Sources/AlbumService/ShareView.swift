import Foundation
import PeekCore
import PeekStore

/// A share link as the album's owner reads it; the token and URL only in the answer that made it.
public struct ShareView: Encodable {
    let id: String
    let albumID: String
    let hasPassword: Bool
    @EncodedAsNull var expiresAt: String?
    let revoked: Bool
    let state: String
    let createdAt: String
    let token: String?
    let url: String?

    enum CodingKeys: String, CodingKey {
        case id, revoked, state, token, url
        case albumID = "album_id"
        case hasPassword = "has_password"
        case expiresAt = "expires_at"
        case createdAt = "created_at"
    }

    public init(_ share: Share, token: String? = nil, now: Double = Date().timeIntervalSince1970) {
        id = share.id
        albumID = share.albumID
        hasPassword = share.passwordHash != nil
        expiresAt = share.expiresAt.map(Timestamp.string)
        revoked = share.revoked
        state = share.state(at: now).rawValue
        createdAt = Timestamp.string(share.createdAt)
        self.token = token
        url = token.map { "/s/\($0)" }
    }
}
