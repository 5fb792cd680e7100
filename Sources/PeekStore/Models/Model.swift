/// An owner's model (SPEC §11): a name under which versions of a package are built and run.
public struct Model: Sendable, Equatable {
    public let id: String
    public let ownerID: Int64
    public var name: String
    public var description: String
    /// Other owners may run its ready versions (they never see its jobs).
    public var isPublic: Bool
    public let createdAt: Double

    public init(id: String, ownerID: Int64, name: String, description: String, isPublic: Bool, createdAt: Double) {
        self.id = id
        self.ownerID = ownerID
        self.name = name
        self.description = description
        self.isPublic = isPublic
        self.createdAt = createdAt
    }
}
