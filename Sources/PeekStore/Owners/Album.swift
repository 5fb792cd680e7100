/// An owner's album of photos.
public struct Album: Sendable, Equatable {
    public let id: String
    public let ownerID: Int64
    public var title: String
    public var description: String
    public var coverImageID: String?
    public let createdAt: Double
    public var updatedAt: Double
    /// How many photos it holds (read with the album, never stored).
    public var photoCount: Int

    public init(id: String, ownerID: Int64, title: String, description: String, coverImageID: String? = nil,
                createdAt: Double, updatedAt: Double, photoCount: Int = 0) {
        self.id = id
        self.ownerID = ownerID
        self.title = title
        self.description = description
        self.coverImageID = coverImageID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.photoCount = photoCount
    }
}
