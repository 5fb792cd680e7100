import GRDB

extension ImageRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "images"

    /// Decodes a row by column, without Codable's keyed-container machinery: this runs on every poll.
    public init(row: Row) throws {
        id = row["id"]
        blobSHA256 = row["blob_sha256"]
        contentType = row["content_type"]
        format = row["format"]
        byteSize = row["byte_size"]
        width = row["width"]
        height = row["height"]
        originalFilename = row["original_filename"]
        createdAt = row["created_at"]
        status = Status(rawValue: row["status"]) ?? .failed
        insights = row["insights"]
        error = row["error"]
        annotatedSHA256 = row["annotated_sha256"]
        processingMs = row["processing_ms"]
        completedAt = row["completed_at"]
        ownerID = row["owner_id"]
        albumID = row["album_id"]
        deleteTokenHash = row["delete_token_hash"]
    }
}
