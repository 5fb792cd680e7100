import GRDB

/// The order the copy writes tables in: each after the tables its foreign keys name. A cycle of
/// keys (an album's cover is one of its images, which name their album) is broken at a nullable
/// column: inserted as NULL, set once every row exists (`deferred`).
struct CopyPlan {
    private(set) var tables: [String] = []
    private(set) var deferred: [String: [String]] = [:]

    init(_ db: Database, tables all: [String]) throws {
        var required: [String: Set<String>] = [:]
        var keys: [String: [ForeignKeyInfo]] = [:]
        for table in all {
            let notNull = Set(try db.columns(in: table).filter(\.isNotNull).map(\.name))
            keys[table] = try db.foreignKeys(on: table).filter { $0.destinationTable != table }
            required[table] = Set(keys[table]!.filter { $0.originColumns.contains(where: notNull.contains) }.map(\.destinationTable))
        }
        var remaining = all
        while !remaining.isEmpty {
            let ready = remaining.filter { required[$0]!.isSubset(of: tables) }
            guard let first = ready.first else {
                throw StoreError.databaseUnavailable(reason: "the foreign keys of \(remaining.joined(separator: ", ")) form a cycle of NOT NULL columns")
            }
            let next = ready.first { table in keys[table]!.allSatisfy { tables.contains($0.destinationTable) } } ?? first
            let held = keys[next]!.filter { !tables.contains($0.destinationTable) }.flatMap(\.originColumns)
            if !held.isEmpty { deferred[next] = held }
            tables.append(next)
            remaining.removeAll { $0 == next }
        }
    }
}
