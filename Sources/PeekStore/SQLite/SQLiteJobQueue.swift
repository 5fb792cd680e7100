import Foundation
import GRDB

/// The `jobs` table of a SQLite database, written under SQLite's single write lock.
public struct SQLiteJobQueue: JobQueue {
    let writer: DatabaseQueue
    let policy: QueuePolicy
    private let now: @Sendable () -> Double

    public var leaseSeconds: Double { policy.leaseSeconds }
    public var maxAttempts: Int { policy.maxAttempts }

    public init(database: SQLiteDatabase, policy: QueuePolicy,
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.init(writer: database.writer, policy: policy, now: now)
    }

    public init(database: SQLiteDatabase, leaseSeconds: Double, maxAttempts: Int,
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.init(database: database, policy: QueuePolicy(leaseSeconds: leaseSeconds, maxAttempts: maxAttempts), now: now)
    }

    init(writer: DatabaseQueue, policy: QueuePolicy, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.writer = writer
        self.policy = policy
        self.now = now
    }

    public func admit(client: String, count: Int) throws(StoreError) {
        try translatingErrors { try writer.inDatabase { db in _ = try backlog(of: client, adding: count, in: db) } }
    }

    public func enqueue(_ images: [ImageRecord], client: String,
                        confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                let rank = try backlog(of: client, adding: images.count, in: db)
                for (offset, image) in images.enumerated() {
                    try image.insert(db)
                    try db.execute(sql: "INSERT INTO jobs (image_id, enqueued_at, client, client_rank) VALUES (?, ?, ?, ?)",
                                   arguments: [image.id, image.createdAt, client, rank + offset])
                }
                try confirmBlobs()
            }
        }
    }

    /// The client's unfinished jobs (its new jobs' first rank), once the limits are known to allow `count` more.
    private func backlog(of client: String, adding count: Int = 1, in db: Database) throws -> Int {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT COUNT(*) FROM jobs WHERE client = ? AND state = 'queued') AS client_queued,
                   (SELECT COUNT(*) FROM jobs WHERE client = ? AND state = 'running') AS client_running,
                   (SELECT COUNT(*) FROM jobs WHERE state = 'queued') AS queued
            """), arguments: [client, client])!
        let clientQueued: Int = row["client_queued"]
        guard clientQueued + count <= policy.maxQueuedPerClient else {
            throw StoreError.clientBacklogFull(limit: policy.maxQueuedPerClient)
        }
        guard row["queued"] + count <= policy.maxQueued else { throw StoreError.queueFull(limit: policy.maxQueued) }
        return clientQueued + row["client_running"]
    }

    public func claim(owner: String) throws(StoreError) -> ClaimedJob? {
        let time = now()
        return try translatingErrors { try writer.writeWithoutTransaction { db in
            var job: ClaimedJob?
            // IMMEDIATE takes the write lock first, so two workers can never pick the same row.
            try db.inTransaction(.immediate) {
                try failExhausted(at: time, in: db)
                job = try takeNext(owner: owner, at: time, in: db)
                return .commit
            }
            return job
        } }
    }

    private func takeNext(owner: String, at time: Double, in db: Database) throws -> ClaimedJob? {
        guard let row = try Row.fetchOne(db, sql: """
            UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?,
                            lease_expires_at = ?, started_at = ?
            WHERE id = (SELECT id FROM jobs
                        WHERE state = 'queued' OR (state = 'running' AND lease_expires_at < ?)
                        ORDER BY client_rank, id LIMIT 1)
            RETURNING id, image_id, attempts
            """, arguments: [owner, time + leaseSeconds, time, time]) else { return nil }
        let imageID: String = row["image_id"]
        let blob = try String.fetchOne(db, sql: "SELECT blob_sha256 FROM images WHERE id = ?", arguments: [imageID])
        return ClaimedJob(id: row["id"], imageID: imageID, blobSHA256: blob ?? "", attempt: row["attempts"], owner: owner)
    }

    public func renew(_ job: ClaimedJob) throws(StoreError) -> Bool {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND state = 'running'
                    """, arguments: [now() + leaseSeconds, job.id, job.owner])
                return db.changesCount == 1
            }
        }
    }

    public func complete(_ job: ClaimedJob, insightsJSON: String, annotatedSHA256: String, renditions: [Rendition],
                         processingMs: Int, confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) -> Bool {
        try finish(job, jobState: "done", lastError: nil) { db, time in
            try db.execute(sql: """
                UPDATE images SET status = 'completed', insights = ?, annotated_sha256 = ?,
                                  processing_ms = ?, completed_at = ?, error = NULL
                WHERE id = ?
                """, arguments: [insightsJSON, annotatedSHA256, processingMs, time, job.imageID])
            for rendition in renditions { try rendition.insert(db, onConflict: .ignore) }
            try confirmBlobs()
        }
    }

    public func fail(_ job: ClaimedJob, message: String) throws(StoreError) -> Bool {
        try finish(job, jobState: "failed", lastError: message) { db, time in
            try Self.markImageFailed(job.imageID, message: message, at: time, in: db)
        }
    }

    public func release(_ job: ClaimedJob, reason: String, countAttempt: Bool = true) throws(StoreError) -> Bool {
        if countAttempt && job.attempt >= maxAttempts {
            return try fail(job, message: "analysis failed \(job.attempt) times; last error: \(reason)")
        }
        return try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                                    attempts = attempts - ?, last_error = ?
                    WHERE id = ? AND lease_owner = ? AND state = 'running'
                    """, arguments: [countAttempt ? 0 : 1, reason, job.id, job.owner])
                return db.changesCount == 1
            }
        }
    }

    public func depth() throws(StoreError) -> QueueDepth {
        let time = now()
        return try translatingErrors { try writer.inDatabase { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT (SELECT COUNT(*) FROM jobs WHERE state = 'queued') AS queued,
                       (SELECT COUNT(*) FROM jobs WHERE state = 'running') AS running,
                       (SELECT MIN(enqueued_at) FROM jobs WHERE state = 'queued') AS oldest
                """))!
            let oldest: Double? = row["oldest"]
            return QueueDepth(queued: row["queued"], running: row["running"],
                              oldestQueuedAgeSeconds: oldest.map { max(0, (time - $0) * 1000).rounded() / 1000 })
        } }
    }

    private func finish(_ job: ClaimedJob, jobState: String, lastError: String?,
                        updateImage: (Database, Double) throws -> Void) throws(StoreError) -> Bool {
        let time = now()
        return try translatingErrors { try writer.write { db in
            try db.execute(sql: """
                UPDATE jobs SET state = ?, finished_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                                last_error = ?
                WHERE id = ? AND lease_owner = ? AND state = 'running'
                """, arguments: [jobState, time, lastError, job.id, job.owner])
            guard db.changesCount == 1 else { return false }
            try updateImage(db, time)
            return true
        } }
    }

    private func failExhausted(at time: Double, in db: Database) throws {
        let message = "analysis did not finish after \(maxAttempts) attempts (the analysis process crashed or was stopped)"
        let exhausted = try String.fetchAll(db, sql: """
            UPDATE jobs SET state = 'failed', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                            last_error = ?
            WHERE state = 'running' AND lease_expires_at < ? AND attempts >= ?
            RETURNING image_id
            """, arguments: [time, message, time, maxAttempts])
        for imageID in exhausted {
            try Self.markImageFailed(imageID, message: message, at: time, in: db)
        }
    }

    private static func markImageFailed(_ imageID: String, message: String, at time: Double, in db: Database) throws {
        try db.execute(sql: """
            UPDATE images SET status = 'failed', error = ?, completed_at = ? WHERE id = ?
            """, arguments: [message, time, imageID])
    }
}
