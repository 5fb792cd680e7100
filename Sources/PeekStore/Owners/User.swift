/// An owner's account.
public struct User: Sendable, Equatable {
    public let id: Int64
    public let username: String
    public let createdAt: Double

    public init(id: Int64, username: String, createdAt: Double) {
        self.id = id
        self.username = username
        self.createdAt = createdAt
    }
}
