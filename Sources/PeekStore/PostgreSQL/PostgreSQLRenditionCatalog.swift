/// The `renditions` table of a PostgreSQL database.
struct PostgreSQLRenditionCatalog: RenditionCatalog {
    let pool: PostgreSQLPool

    func rendition(source: String, recipe: String) throws(StoreError) -> Rendition? {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(Rendition.postgreSQLColumns) FROM renditions WHERE source_sha256 = $1 AND recipe = $2
                """, [source, recipe]).first.map(Rendition.init(postgreSQLRow:))
        }
    }

    /// The blob's lock is held while `confirmBlob` runs, as SQLite's write lock is.
    func record(_ rendition: Rendition, confirmingBlob confirmBlob: () throws(StoreError) -> Void) throws(StoreError) {
        try pool.transaction { connection in
            try Rendition.insertPostgreSQL([rendition], on: connection)
            try PostgreSQLLocks.lockBlobs([rendition.blobSHA256], on: connection)
            try confirmBlob()
        }
    }
}
