/// A derived image of a source blob: a preset (`preset:thumbnail`, `preset:web`) or the result of
/// a transform, named by its canonical steps. Identical sources share their renditions.
public struct Rendition: Codable, Equatable, Sendable {
    public var sourceSHA256: String
    /// A preset's recipe (`Preset.recipe`) or a canonical list of transform steps.
    public var recipe: String
    public var blobSHA256: String
    public var contentType: String
    public var width: Int
    public var height: Int
    public var byteSize: Int
    public var createdAt: Double

    public init(sourceSHA256: String, recipe: String, blobSHA256: String, contentType: String,
                width: Int, height: Int, byteSize: Int, createdAt: Double) {
        self.sourceSHA256 = sourceSHA256
        self.recipe = recipe
        self.blobSHA256 = blobSHA256
        self.contentType = contentType
        self.width = width
        self.height = height
        self.byteSize = byteSize
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case recipe, width, height
        case sourceSHA256 = "source_sha256"
        case blobSHA256 = "blob_sha256"
        case contentType = "content_type"
        case byteSize = "byte_size"
        case createdAt = "created_at"
    }
}
