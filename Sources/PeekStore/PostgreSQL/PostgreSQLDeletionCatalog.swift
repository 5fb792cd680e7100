/// Deletions in a PostgreSQL database, each in one transaction. SQLite holds its write lock from
/// the first read; here the owner's rows are locked first (so no photo can be added to what is
/// being deleted), and each candidate blob's advisory lock is taken before its references are
/// read, so an upload confirming the same blob either committed before (and its row is seen)
/// or confirms after this commits (and writes the blob anew).
struct PostgreSQLDeletionCatalog: DeletionCatalog {
    let pool: PostgreSQLPool

    func delete(_ target: DeletionTarget, discard: (String) throws(StoreError) -> Void) throws(StoreError) -> [String] {
        try pool.transaction { connection in
            try lockOwners(of: target, on: connection)
            let (condition, arguments) = Self.images(of: target)
            // Jobs go with their images (ON DELETE CASCADE); covers fall back to none (SET NULL).
            let rows = try connection.execute("""
                DELETE FROM images WHERE \(condition) RETURNING id, blob_sha256, annotated_sha256
                """, arguments).rows
            let sources = Set(rows.map { $0["blob_sha256"] as String })
            var candidates = sources.union(rows.compactMap { $0["annotated_sha256"] as String? })
            if !sources.isEmpty {
                // The renditions of a source no image names any more.
                let renditions = try connection.execute("""
                    DELETE FROM renditions
                    WHERE source_sha256 = ANY($1::text[])
                      AND NOT EXISTS (SELECT 1 FROM images WHERE images.blob_sha256 = renditions.source_sha256)
                    RETURNING blob_sha256
                    """, [PostgreSQLTextArray(sources.sorted())]).rows
                candidates.formUnion(renditions.map { $0["blob_sha256"] as String })
            }
            switch target {
            case .album(let id, let ownerID):
                try connection.execute("DELETE FROM albums WHERE id = $1 AND owner_id = $2", [id, ownerID])
            case .user(let id):
                try connection.execute("DELETE FROM users WHERE id = $1", [id])
            case .image, .anonymousUploads:
                break
            }
            try discardUnreferenced(candidates, on: connection, discard: discard)
            return rows.map { $0["id"] as String }
        }
    }

    func discardUnreferenced(_ digests: [String], discard: (String) throws(StoreError) -> Void) throws(StoreError) -> Int {
        try pool.transaction { connection in
            try discardUnreferenced(Set(digests), on: connection, discard: discard)
        }
    }

    /// Locks the blobs, then reads which of them no row names (a statement that starts after the
    /// locks are held, so it sees every upload that confirmed one of them), and discards those.
    @discardableResult
    private func discardUnreferenced(_ digests: Set<String>, on connection: PostgreSQLConnection,
                                     discard: (String) throws(StoreError) -> Void) throws -> Int {
        guard !digests.isEmpty else { return 0 }
        try PostgreSQLLocks.lockBlobs(digests, on: connection)
        let unreferenced = try connection.execute("""
            SELECT digest FROM unnest($1::text[]) AS digest
            WHERE NOT EXISTS (SELECT 1 FROM images WHERE images.blob_sha256 = digest OR images.annotated_sha256 = digest)
              AND NOT EXISTS (SELECT 1 FROM renditions WHERE renditions.blob_sha256 = digest)
              AND NOT EXISTS (SELECT 1 FROM model_versions WHERE model_versions.package_sha256 = digest)
              AND NOT EXISTS (SELECT 1 FROM model_jobs WHERE model_jobs.input_sha256 = digest)
              AND NOT EXISTS (SELECT 1 FROM model_job_outputs WHERE model_job_outputs.blob_sha256 = digest)
            ORDER BY digest
            """, [PostgreSQLTextArray(digests.sorted())]).rows.map { $0["digest"] as String }
        for digest in unreferenced { try discard(digest) }
        return unreferenced.count
    }

    /// The account or album being deleted, locked before its images: an upload into it (whose
    /// foreign key check waits on these rows) then fails instead of adding a photo the deletion
    /// would miss, as it would against SQLite's write lock.
    private func lockOwners(of target: DeletionTarget, on connection: PostgreSQLConnection) throws {
        switch target {
        case .album(let id, let ownerID):
            try connection.execute("SELECT id FROM albums WHERE id = $1 AND owner_id = $2 FOR UPDATE", [id, ownerID])
        case .user(let id):
            try connection.execute("SELECT id FROM users WHERE id = $1 FOR UPDATE", [id])
            try connection.execute("SELECT id FROM albums WHERE owner_id = $1 ORDER BY id FOR UPDATE", [id])
        case .image, .anonymousUploads:
            break
        }
    }

    private static func images(of target: DeletionTarget) -> (String, [any PostgreSQLBindable]) {
        switch target {
        case .image(let id): ("id = $1", [id])
        case .album(let id, let ownerID): ("album_id = (SELECT id FROM albums WHERE id = $1 AND owner_id = $2)", [id, ownerID])
        case .user(let id): ("owner_id = $1 OR album_id IN (SELECT id FROM albums WHERE owner_id = $1)", [id])
        case .anonymousUploads(let time): ("album_id IS NULL AND created_at < $1", [time])
        }
    }
}
