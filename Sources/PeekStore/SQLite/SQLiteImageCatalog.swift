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
}
