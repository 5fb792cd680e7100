/// An owner's API token as listed: never the token itself, which only its creator saw.
public struct APIToken: Sendable, Equatable {
    public let id: String
    public let userID: Int64
    public let name: String
    public let createdAt: Double
    public let lastUsedAt: Double?

    public init(id: String, userID: Int64, name: String, createdAt: Double, lastUsedAt: Double?) {
        self.id = id
        self.userID = userID
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
