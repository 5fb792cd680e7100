/// How image rows travel to and from PostgreSQL: every column named, never `SELECT *`, so that a
/// statement prepared before a migration added a column keeps its shape.
extension ImageRecord {
    static let postgreSQLColumns = """
        images.id, images.blob_sha256, images.content_type, images.format, images.byte_size, images.width, \
        images.height, images.original_filename, images.created_at, images.status, images.insights, images.error, \
        images.annotated_sha256, images.processing_ms, images.completed_at, images.owner_id, images.album_id, \
        images.delete_token_hash
        """

    static let postgreSQLInsert = """
        INSERT INTO images (id, blob_sha256, content_type, format, byte_size, width, height, original_filename,
                            created_at, status, insights, error, annotated_sha256, processing_ms, completed_at,
                            owner_id, album_id, delete_token_hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
        """

    var postgreSQLValues: [any PostgreSQLBindable] {
        [id, blobSHA256, contentType, format, byteSize, width, height, originalFilename, createdAt, status.rawValue,
         insights, error, annotatedSHA256, processingMs, completedAt, ownerID, albumID, deleteTokenHash]
    }

    init(postgreSQLRow row: PostgreSQLRow) {
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

extension Rendition {
    static let postgreSQLColumns = """
        source_sha256, recipe, blob_sha256, content_type, width, height, byte_size, created_at
        """

    var postgreSQLValues: [any PostgreSQLBindable] {
        [sourceSHA256, recipe, blobSHA256, contentType, width, height, byteSize, createdAt]
    }

    init(postgreSQLRow row: PostgreSQLRow) {
        self.init(sourceSHA256: row["source_sha256"], recipe: row["recipe"], blobSHA256: row["blob_sha256"],
                  contentType: row["content_type"], width: row["width"], height: row["height"],
                  byteSize: row["byte_size"], createdAt: row["created_at"])
    }

    /// Inserts `renditions` in one statement; one already recorded for its source and recipe is kept.
    static func insertPostgreSQL(_ renditions: [Rendition], on connection: PostgreSQLConnection) throws {
        guard !renditions.isEmpty else { return }
        let rows = renditions.indices.map { index in
            "(" + (1...8).map { "$\(index * 8 + $0)" }.joined(separator: ", ") + ")"
        }
        try connection.execute("""
            INSERT INTO renditions (\(postgreSQLColumns)) VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (source_sha256, recipe) DO NOTHING
            """, renditions.flatMap(\.postgreSQLValues))
    }
}

/// The presets among a row's `presets` column (recipes joined by spaces).
func presets(fromRecipes recipes: String?) -> [Preset] {
    let names = recipes?.split(separator: " ").map(String.init) ?? []
    return Preset.allCases.filter { names.contains($0.recipe) }
}
