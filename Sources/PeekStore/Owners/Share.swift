/// A share link of an album. The token itself is known only to whoever was given the link.
public struct Share: Sendable, Equatable {
    public enum State: String, Sendable {
        case live, revoked, expired
    }

    public let id: String
    public let albumID: String
    public let tokenHash: String
    public var passwordHash: String?
    public var expiresAt: Double?
    public var revoked: Bool
    public let createdAt: Double

    public init(id: String, albumID: String, tokenHash: String, passwordHash: String?, expiresAt: Double?,
                revoked: Bool, createdAt: Double) {
        self.id = id
        self.albumID = albumID
        self.tokenHash = tokenHash
        self.passwordHash = passwordHash
        self.expiresAt = expiresAt
        self.revoked = revoked
        self.createdAt = createdAt
    }

    public func state(at time: Double) -> State {
        if revoked { return .revoked }
        if let expiresAt, expiresAt <= time { return .expired }
        return .live
    }
}
