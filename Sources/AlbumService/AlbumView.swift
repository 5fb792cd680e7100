import PeekCore
import PeekStore

/// An album as its owner reads it.
public struct AlbumView: Encodable {
    let id: String
    let title: String
    let description: String
    @EncodedAsNull var coverImageID: String?
    @EncodedAsNull var coverURL: String?
    let photoCount: Int
    let createdAt: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, title, description
        case coverImageID = "cover_image_id"
        case coverURL = "cover_url"
        case photoCount = "photo_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(_ album: Album) {
        id = album.id
        title = album.title
        description = album.description
        coverImageID = album.coverImageID
        coverURL = album.coverImageID.map { "/api/image/\($0)/\(Preset.thumbnail.rawValue)" }
        photoCount = album.photoCount
        createdAt = Timestamp.string(album.createdAt)
        updatedAt = Timestamp.string(album.updatedAt)
    }
}
