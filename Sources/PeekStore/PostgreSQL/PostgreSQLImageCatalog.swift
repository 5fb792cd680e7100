/// The `images` table of a PostgreSQL database.
struct PostgreSQLImageCatalog: ImageCatalog {
    let pool: PostgreSQLPool

    func image(_ id: String) throws(StoreError) -> ImageRecord? {
        try pool.withConnection { connection in
            try connection.execute("SELECT \(ImageRecord.postgreSQLColumns) FROM images WHERE id = $1", [id])
                .first.map(ImageRecord.init(postgreSQLRow:))
        }
    }

    func imageAndPresets(_ id: String) throws(StoreError) -> (image: ImageRecord, presets: [Preset])? {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(ImageRecord.postgreSQLColumns), \(Self.presetsColumn) FROM images WHERE id = $1
                """, [id]).first.map { row in (ImageRecord(postgreSQLRow: row), presets(fromRecipes: row["presets"])) }
        }
    }

    /// The recipes of the presets made of an image's blob, joined by spaces, as `presets`.
    static let presetsColumn = """
        (SELECT string_agg(recipe, ' ') FROM renditions
         WHERE source_sha256 = images.blob_sha256 AND recipe IN (\(Preset.allCases.map { "'\($0.recipe)'" }.joined(separator: ", "))))
        AS presets
        """
}
