extension PostgreSQLDatabase {
    /// The inventory of this database, read in one repeatable-read snapshot. Integrity and
    /// foreign keys need no check of their own here: the server enforces them on every write.
    public func inventory() throws(StoreError) -> DatabaseInventory {
        try pool.withConnection { connection in
            try connection.run("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? connection.run("COMMIT") }
            return try Self.inventory(on: connection)
        }
    }

    static func inventory(on connection: PostgreSQLConnection) throws -> DatabaseInventory {
        var inventory = DatabaseInventory()
        inventory.migrations = try connection.run("SELECT identifier FROM peek_migrations ORDER BY applied_at, identifier")
            .rows.map { $0["identifier"] }
        for table in try tables(on: connection) {
            inventory.rows[table] = try connection.run("SELECT COUNT(*) AS n FROM \(quoted(table))").first!["n"]
        }
        inventory.imagesByStatus = try groupCounts(connection, "SELECT status AS key, COUNT(*) AS n FROM images GROUP BY status")
        inventory.jobsByState = try groupCounts(connection, "SELECT state AS key, COUNT(*) AS n FROM jobs GROUP BY state")
        inventory.referencedBlobs = Set(try connection.run(DatabaseInventory.referencedBlobsQuery(renditions: true))
            .rows.map { $0[0] })
        return inventory
    }

    /// The tables the migrations made (the copy's marker and the migrations' record left out).
    static func tables(on connection: PostgreSQLConnection) throws -> [String] {
        try connection.run("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
              AND table_name NOT IN ('peek_migrations', '\(PostgreSQLCopy.markerTable)')
            ORDER BY table_name
            """).rows.map { $0["table_name"] }
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func groupCounts(_ connection: PostgreSQLConnection, _ sql: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try connection.run(sql).rows {
            counts[(row["key"] as String?) ?? "null"] = row["n"]
        }
        return counts
    }
}
