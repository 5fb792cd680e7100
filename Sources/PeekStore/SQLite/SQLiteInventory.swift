import Foundation
import GRDB

/// A SQLite database file opened read-only for inspection: its inventory and SQLite's own checks.
/// Read-only, so checking a backup does not turn it back into a WAL database and checking the
/// live directory does not write to it.
public struct SQLiteInventory {
    /// What `PRAGMA integrity_check` said (`ok` when sound).
    public var integrityCheck = ""
    public var foreignKeyViolations = 0
    public var journalMode = ""
    public var contents = DatabaseInventory()

    public init(path: String) throws(StoreError) {
        let database = try translatingErrors { try Self.openReadOnly(path) }
        self = try translatingErrors {
            try database.read { db in
                var inventory = SQLiteInventory()
                inventory.integrityCheck = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
                inventory.foreignKeyViolations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
                inventory.journalMode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                inventory.contents = try Self.contents(db)
                return inventory
            }
        }
        try? database.close()
    }

    private init() {}

    public static func openReadOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The tables Peek's migrations made, without SQLite's and GRDB's own.
    static func tables(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
            """)
    }

    static func migrations(_ db: Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
    }

    static func contents(_ db: Database) throws -> DatabaseInventory {
        var inventory = DatabaseInventory()
        let tables = try tables(db)
        inventory.migrations = try migrations(db)
        for table in tables {
            inventory.rows[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
        }
        guard tables.contains("images") else { return inventory }
        inventory.imagesByStatus = try groupCounts(db, "SELECT status, COUNT(*) FROM images GROUP BY status")
        if tables.contains("jobs") {
            inventory.jobsByState = try groupCounts(db, "SELECT state, COUNT(*) FROM jobs GROUP BY state")
        }
        inventory.referencedBlobs = Set(try String.fetchAll(
            db, sql: DatabaseInventory.referencedBlobsQuery(renditions: tables.contains("renditions"))))
        return inventory
    }

    private static func groupCounts(_ db: Database, _ sql: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: sql) {
            counts[row[0] ?? "null"] = row[1]
        }
        return counts
    }
}
