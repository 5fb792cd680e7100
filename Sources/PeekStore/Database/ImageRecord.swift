import Foundation
import ImageInspection

/// One accepted upload and, once analysed, its outcome.
public struct ImageRecord: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        case processing, completed, failed
    }

    public var id: String
    public var blobSHA256: String
    public var contentType: String
    public var format: String
    public var byteSize: Int
    public var width: Int
    public var height: Int
    public var originalFilename: String?
    public var createdAt: Double
    public var status: Status
    /// The insights object as the worker serialised it, served verbatim.
    public var insights: String?
    public var error: String?
    public var annotatedSHA256: String?
    public var processingMs: Int?
    public var completedAt: Double?
    /// The owner who uploaded it, when logged in; nil for an anonymous upload.
    public var ownerID: Int64?
    /// The album it belongs to: then only its owner, or a live share of the album, may read it.
    public var albumID: String?
    /// The SHA-256 of the `delete_token` its uploader was given.
    public var deleteTokenHash: String?

    enum CodingKeys: String, CodingKey {
        case id, format, width, height, status, insights, error
        case blobSHA256 = "blob_sha256"
        case contentType = "content_type"
        case byteSize = "byte_size"
        case originalFilename = "original_filename"
        case createdAt = "created_at"
        case annotatedSHA256 = "annotated_sha256"
        case processingMs = "processing_ms"
        case completedAt = "completed_at"
        case ownerID = "owner_id"
        case albumID = "album_id"
        case deleteTokenHash = "delete_token_hash"
    }

    public init(id: String, blobSHA256: String, header: ImageHeader, byteSize: Int,
                originalFilename: String?, createdAt: Double, ownerID: Int64? = nil, albumID: String? = nil,
                deleteTokenHash: String? = nil) {
        self.id = id
        self.blobSHA256 = blobSHA256
        self.contentType = header.format.mimeType
        self.format = header.format.rawValue
        self.byteSize = byteSize
        self.width = header.width
        self.height = header.height
        self.originalFilename = originalFilename
        self.createdAt = createdAt
        self.status = .processing
        self.ownerID = ownerID
        self.albumID = albumID
        self.deleteTokenHash = deleteTokenHash
    }
}
