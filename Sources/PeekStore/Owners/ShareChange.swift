/// What `PATCH /api/albums/ID/shares/SID` changes; a nil field stays as it is.
public struct ShareChange: Sendable {
    public var revoked: Bool?
    /// `.some(nil)` removes the password.
    public var passwordHash: String??
    /// `.some(nil)` removes the expiry.
    public var expiresAt: Double??

    public init(revoked: Bool? = nil, passwordHash: String?? = nil, expiresAt: Double?? = nil) {
        self.revoked = revoked
        self.passwordHash = passwordHash
        self.expiresAt = expiresAt
    }

    /// Whoever unlocked the link before must unlock it again.
    public var endsUnlocks: Bool { revoked == true || passwordHash != nil }
}
