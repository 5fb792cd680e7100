import GRDB

/// The `images` table of a SQLite database.
struct SQLiteImageCatalog: ImageCatalog {
    let writer: DatabaseQueue

    /// One statement needs no explicit transaction; this is the hot path of every poll.
    func image(_ id: String) throws(StoreError) -> ImageRecord? {
        try translatingErrors {
            try writer.inDatabase { db in
                try ImageRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM images WHERE id = ?"), arguments: [id])
            }
        }
    }

    func imageAndPresets(_ id: String) throws(StoreError) -> (image: ImageRecord, presets: [Preset])? {
        try translatingErrors {
            try writer.inDatabase { db in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT images.*, (SELECT group_concat(recipe, ' ') FROM renditions
                                      WHERE source_sha256 = images.blob_sha256 AND recipe IN (\(Self.presetList)))
                                     AS presets
                    FROM images WHERE id = ?
                    """), arguments: [id]) else { return nil }
                let recipes = (row["presets"] as String?)?.split(separator: " ").map(String.init) ?? []
                return (try ImageRecord(row: row), Preset.allCases.filter { recipes.contains($0.recipe) })
            }
        }
    }

    private static let presetList = Preset.allCases.map { "'\($0.recipe)'" }.joined(separator: ", ")
}
