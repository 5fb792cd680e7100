import Foundation
import GRDB

/// Copies a SQLite installation into a PostgreSQL database (`peek-admin copy-database`): every
/// row of every table, read in one SQLite snapshot and written in one PostgreSQL transaction, so
/// the copy is whole or absent. The target ends equal to the source: rerunning the copy (after
/// more uploads on the old installation, say) replaces the earlier copy with the new one. That
/// is allowed only on a database that is empty or holds nothing but a copy of the same source,
/// so a database Peek already serves from is never overwritten.
public struct PostgreSQLCopy {
    /// Remembers which SQLite file the target's rows came from.
    static let markerTable = "peek_copied_from"

    let sourcePath: String
    let targetURL: String

    public init(sourcePath: String, targetURL: String) {
        self.sourcePath = URL(fileURLWithPath: sourcePath).standardizedFileURL.path
        self.targetURL = targetURL
    }

    /// Copies and returns the rows written per table; `progress` hears of each table when done.
    public func run(progress: (String, Int) -> Void = { _, _ in }) throws(StoreError) -> [String: Int] {
        guard FileManager.default.fileExists(atPath: sourcePath) else { throw .databaseMissing(path: sourcePath) }
        let source = try translatingErrors { try SQLiteInventory.openReadOnly(sourcePath) }
        defer { try? source.close() }
        let target = try PostgreSQLDatabase(url: targetURL)
        return try translatingErrors {
            try source.read { db in
                try target.pool.transaction { connection in
                    try copy(from: db, to: connection, progress: progress)
                }
            }
        }
    }

    private func copy(from db: Database, to connection: PostgreSQLConnection,
                      progress: (String, Int) -> Void) throws -> [String: Int] {
        try checkMigrations(source: SQLiteInventory.migrations(db))
        let plan = try CopyPlan(db, tables: SQLiteInventory.tables(db))
        let tables = plan.tables
        let targetTables = Set(try PostgreSQLDatabase.tables(on: connection))
        if let missing = tables.first(where: { !targetTables.contains($0) }) {
            throw StoreError.databaseUnavailable(reason: "the PostgreSQL database has no table \(missing)")
        }
        try claimTarget(connection, tables: tables)
        try connection.run("TRUNCATE " + tables.map(PostgreSQLDatabase.quoted).joined(separator: ", ") + " RESTART IDENTITY CASCADE")
        var copied: [String: Int] = [:]
        for table in tables {
            copied[table] = try copyRows(of: table, leaving: plan.deferred[table] ?? [], from: db, to: connection)
            progress(table, copied[table]!)
        }
        for (table, columns) in plan.deferred.sorted(by: { $0.key < $1.key }) {
            try fillDeferred(columns, of: table, from: db, to: connection)
        }
        try Self.resetIdentities(connection)
        try connection.execute("""
            INSERT INTO \(Self.markerTable) (source, copied_at) VALUES ($1, extract(epoch FROM clock_timestamp()))
            ON CONFLICT (source) DO UPDATE SET copied_at = EXCLUDED.copied_at
            """, [sourcePath])
        return copied
    }

    /// Both schemas must be at the same migrations, those this program knows.
    private func checkMigrations(source: [String]) throws {
        let known = PostgreSQLMigrations.names
        if let unknown = source.first(where: { !known.contains($0) }) {
            throw StoreError.databaseUnavailable(
                reason: "the SQLite database has migration \(unknown), which this peek-admin does not know: use the peek-admin of that installation")
        }
        if let missing = known.first(where: { !source.contains($0) }) {
            throw StoreError.databaseUnavailable(
                reason: "the SQLite database lacks migration \(missing): run peek-admin migrate on it first")
        }
    }

    /// Refuses a target that holds rows other than those of an earlier copy of this same source.
    /// The copy writes every row in one transaction, the marker's row included, so a row whose
    /// `xmin` (the transaction that wrote it) is not the marker's was written after the copy:
    /// Peek serves from this database already, and replacing it would lose those writes.
    private func claimTarget(_ connection: PostgreSQLConnection, tables: [String]) throws {
        try connection.run("""
            CREATE TABLE IF NOT EXISTS \(Self.markerTable) (
                source    TEXT PRIMARY KEY NOT NULL,
                copied_at DOUBLE PRECISION NOT NULL
            )
            """)
        try connection.run("LOCK TABLE \(Self.markerTable) IN EXCLUSIVE MODE")
        let markers = try connection.run("SELECT source, xmin::text AS copy FROM \(Self.markerTable)").rows
        let earlierCopy: String? = markers.count == 1 && markers[0]["source"] == sourcePath ? markers[0]["copy"] : nil
        for table in tables {
            let quoted = PostgreSQLDatabase.quoted(table)
            let written: Int = if let earlierCopy {
                try connection.execute("SELECT COUNT(*) AS n FROM \(quoted) WHERE xmin::text <> $1", [earlierCopy]).first!["n"]
            } else {
                try connection.run("SELECT COUNT(*) AS n FROM \(quoted)").first!["n"]
            }
            guard written == 0 else {
                let origin = earlierCopy != nil ? "written since the last copy" : "not from a copy of \(sourcePath)"
                throw StoreError.databaseUnavailable(reason: """
                    the PostgreSQL database is in use (\(written) rows in \(table) \(origin)): \
                    copy into a new, empty database (createdb), never over one Peek serves from
                    """)
            }
        }
        try connection.run("DELETE FROM \(Self.markerTable)")
    }

    /// Inserts every row of `table`, with NULL in the `deferred` columns (filled in later).
    private func copyRows(of table: String, leaving deferred: [String], from db: Database,
                          to connection: PostgreSQLConnection) throws -> Int {
        let columns = try db.columns(in: table).map(\.name)
        let insert = "INSERT INTO \(PostgreSQLDatabase.quoted(table)) (\(Self.list(columns))) VALUES (\(Self.placeholders(columns.count)))"
        let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.list(columns)) FROM \(table.quotedDatabaseIdentifier)")
        var count = 0
        while let row = try rows.next() {
            try connection.execute(insert, columns.indices.map { index in
                CopiedValue(value: deferred.contains(columns[index]) ? .null : row[index] as DatabaseValue)
            })
            count += 1
        }
        return count
    }

    /// Sets the columns a cycle of foreign keys held back, now that the rows they name exist.
    private func fillDeferred(_ columns: [String], of table: String, from db: Database,
                              to connection: PostgreSQLConnection) throws {
        let key = try db.primaryKey(table).columns
        let assignments = columns.enumerated().map { "\(PostgreSQLDatabase.quoted($1)) = $\($0 + 1)" }
        let matches = key.enumerated().map { "\(PostgreSQLDatabase.quoted($1)) = $\(columns.count + $0 + 1)" }
        let update = "UPDATE \(PostgreSQLDatabase.quoted(table)) SET \(assignments.joined(separator: ", ")) WHERE \(matches.joined(separator: " AND "))"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(Self.list(columns + key)) FROM \(table.quotedDatabaseIdentifier)
            WHERE \(columns.map { "\($0.quotedDatabaseIdentifier) IS NOT NULL" }.joined(separator: " OR "))
            """)
        while let row = try rows.next() {
            try connection.execute(update, (0..<(columns.count + key.count)).map { CopiedValue(value: row[$0] as DatabaseValue) })
        }
    }

    private static func list(_ columns: [String]) -> String {
        columns.map(PostgreSQLDatabase.quoted).joined(separator: ", ")
    }

    private static func placeholders(_ count: Int) -> String {
        (1...count).map { "$\($0)" }.joined(separator: ", ")
    }

    /// Identity columns continue after the largest copied id, as SQLite's rowids would.
    private static func resetIdentities(_ connection: PostgreSQLConnection) throws {
        let identities = try connection.run("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_identity = 'YES'
            """).rows
        for identity in identities {
            let table = PostgreSQLDatabase.quoted(identity["table_name"])
            let column = PostgreSQLDatabase.quoted(identity["column_name"])
            try connection.run("""
                SELECT setval(pg_get_serial_sequence('\(table)', '\(identity["column_name"] as String)'),
                              COALESCE((SELECT MAX(\(column)) FROM \(table)), 0) + 1, false)
                """)
        }
    }
}

/// A SQLite value as PostgreSQL's text input reads it into the column's own type (0 and 1 into a
/// boolean, a REAL time into double precision, a BLOB as bytea's hex form).
private struct CopiedValue: PostgreSQLBindable {
    let value: DatabaseValue

    var postgreSQLText: String? {
        switch value.storage {
        case .null: nil
        case .int64(let integer): integer.postgreSQLText
        case .double(let double): double.postgreSQLText
        case .string(let string): string.postgreSQLText
        case .blob(let data): "\\x" + data.map { String(format: "%02x", $0) }.joined()
        }
    }
}
