/// The transaction-scoped advisory locks that stand in for SQLite's single write lock where
/// Peek's correctness depends on it. Each is released by the COMMIT or ROLLBACK that ends the
/// transaction, and waits at most `lock_timeout` (then `.databaseLocked`).
///
/// Keys: a blob's lock is the one-`bigint` form, hashed from its digest; Peek's other locks use
/// the two-`integer` form under one class number. PostgreSQL keeps the two key spaces apart.
enum PostgreSQLLocks {
    /// `'peek'` in ASCII: the class of Peek's own two-integer locks.
    static let peek: Int32 = 0x7065_656B
    /// Held while migrations are checked and applied, so concurrent starts apply each once.
    static let migrations: Int32 = 1
    /// A client's backlog, while its jobs are counted and new ones ranked and inserted.
    static let clientBacklog: Int32 = 2

    /// Locks each blob digest, in sorted order so that two transactions locking overlapping sets
    /// cannot deadlock. An upload confirms its blobs under these locks and a deletion checks
    /// references and discards under them, so a deletion never removes a blob that a concurrent
    /// upload or job is about to name: whichever locks second sees the other's committed work.
    static func lockBlobs(_ digests: some Sequence<String>, on connection: PostgreSQLConnection) throws {
        let unique = Set(digests)
        guard !unique.isEmpty else { return }
        try connection.execute("""
            SELECT pg_advisory_xact_lock(hashtextextended(digest, 0))
            FROM (SELECT DISTINCT digest FROM unnest($1::text[]) AS digest ORDER BY digest) AS sorted
            """, [PostgreSQLTextArray(unique.sorted())])
    }

    /// Serialises the enqueues of one client, so its backlog limit is exact and its ranks distinct.
    static func lockClientBacklog(_ client: String, on connection: PostgreSQLConnection) throws {
        try connection.execute("SELECT pg_advisory_xact_lock($1::integer, hashtext($2::text))", [peek, client])
    }
}
