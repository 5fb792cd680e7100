import GRDB

/// The `renditions` table of a SQLite database.
struct SQLiteRenditionCatalog: RenditionCatalog {
    let writer: DatabaseQueue

    func rendition(source: String, recipe: String) throws(StoreError) -> Rendition? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Rendition.fetchOne(db.cachedStatement(sql: """
                    SELECT * FROM renditions WHERE source_sha256 = ? AND recipe = ?
                    """), arguments: [source, recipe])
            }
        }
    }

    func record(_ rendition: Rendition, confirmingBlob confirmBlob: () throws(StoreError) -> Void) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try rendition.insert(db, onConflict: .ignore)
                try confirmBlob()
            }
        }
    }
}

extension Rendition: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "renditions"
}
