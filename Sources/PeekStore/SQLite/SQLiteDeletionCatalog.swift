import GRDB

/// Deletions in a SQLite database, each in one write transaction.
struct SQLiteDeletionCatalog: DeletionCatalog {
    let writer: DatabaseQueue

    func delete(_ target: DeletionTarget, discard: (String) throws(StoreError) -> Void) throws(StoreError) -> [String] {
        try translatingErrors {
            try writer.writeWithoutTransaction { db in
                var deleted: [String] = []
                // IMMEDIATE: the write lock is held from the first read, so the reference checks
                // below see every row an upload could commit.
                try db.inTransaction(.immediate) {
                    deleted = try delete(target, in: db, discard: discard)
                    return .commit
                }
                return deleted
            }
        }
    }

    func discardUnreferenced(_ digests: [String], discard: (String) throws(StoreError) -> Void) throws(StoreError) -> Int {
        try translatingErrors {
            try writer.writeWithoutTransaction { db in
                var count = 0
                try db.inTransaction(.immediate) {
                    for digest in digests where try !Self.isReferenced(digest, in: db) {
                        try discard(digest)
                        count += 1
                    }
                    return .commit
                }
                return count
            }
        }
    }

    private func delete(_ target: DeletionTarget, in db: Database,
                        discard: (String) throws(StoreError) -> Void) throws -> [String] {
        let (condition, arguments) = Self.images(of: target)
        let rows = try Row.fetchAll(db, sql: "SELECT id, blob_sha256, annotated_sha256 FROM images WHERE \(condition)",
                                    arguments: arguments)
        let ids: [String] = rows.map { $0["id"] }
        let sources = Set(rows.map { $0["blob_sha256"] as String })
        var candidates = sources.union(rows.compactMap { $0["annotated_sha256"] as String? })
        // Jobs go with their images (ON DELETE CASCADE); covers fall back to none (SET NULL).
        try db.execute(sql: "DELETE FROM images WHERE \(condition)", arguments: arguments)
        for source in sources where try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM images WHERE blob_sha256 = ?)",
                                                       arguments: [source])! {
            candidates.formUnion(try String.fetchAll(db, sql: "DELETE FROM renditions WHERE source_sha256 = ? RETURNING blob_sha256",
                                                     arguments: [source]))
        }
        switch target {
        case .album(let id, let ownerID):
            try db.execute(sql: "DELETE FROM albums WHERE id = ? AND owner_id = ?", arguments: [id, ownerID])
        case .user(let id):
            try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
        case .image, .anonymousUploads:
            break
        }
        for digest in candidates.sorted() where try !Self.isReferenced(digest, in: db) {
            try discard(digest)
        }
        return ids
    }

    private static func images(of target: DeletionTarget) -> (String, StatementArguments) {
        switch target {
        case .image(let id): ("id = ?", [id])
        case .album(let id, let ownerID): ("album_id = (SELECT id FROM albums WHERE id = ? AND owner_id = ?)", [id, ownerID])
        case .user(let id): ("owner_id = ? OR album_id IN (SELECT id FROM albums WHERE owner_id = ?)", [id, id])
        case .anonymousUploads(let time): ("album_id IS NULL AND created_at < ?", [time])
        }
    }

    private static func isReferenced(_ digest: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM images WHERE blob_sha256 = ?1 OR annotated_sha256 = ?1)
                OR EXISTS (SELECT 1 FROM renditions WHERE blob_sha256 = ?1)
                OR EXISTS (SELECT 1 FROM model_versions WHERE package_sha256 = ?1)
                OR EXISTS (SELECT 1 FROM model_jobs WHERE input_sha256 = ?1)
                OR EXISTS (SELECT 1 FROM model_job_outputs WHERE blob_sha256 = ?1)
            """, arguments: [digest])!
    }
}
