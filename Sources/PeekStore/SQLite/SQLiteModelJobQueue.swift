import Foundation
import GRDB

/// The `model_jobs` table of a SQLite database as the worker drains it, under SQLite's single
/// write lock (as `SQLiteJobQueue`).
public struct SQLiteModelJobQueue: ModelJobQueue {
    let writer: DatabaseQueue
    let policy: QueuePolicy
    private let now: @Sendable () -> Double

    public init(database: SQLiteDatabase, policy: QueuePolicy,
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.init(writer: database.writer, policy: policy, now: now)
    }

    init(writer: DatabaseQueue, policy: QueuePolicy, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.writer = writer
        self.policy = policy
        self.now = now
    }

    public func claim(owner: String, kinds: Set<ClaimedModelJob.Kind>) throws(StoreError) -> ClaimedModelJob? {
        guard !kinds.isEmpty else { return nil }
        let time = now()
        return try translatingErrors { try writer.writeWithoutTransaction { db in
            var job: ClaimedModelJob?
            // IMMEDIATE takes the write lock first, so two workers can never pick the same row.
            try db.inTransaction(.immediate) {
                try failExhausted(at: time, in: db)
                job = try takeNext(owner: owner, kinds: kinds, at: time, in: db)
                return .commit
            }
            return job
        } }
    }

    private func takeNext(owner: String, kinds: Set<ClaimedModelJob.Kind>, at time: Double,
                          in db: Database) throws -> ClaimedModelJob? {
        guard let row = try Row.fetchOne(db, sql: """
            UPDATE model_jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?,
                                  lease_expires_at = ?, started_at = ?
            WHERE id = (SELECT id FROM model_jobs
                        WHERE (state = 'queued' OR (state = 'running' AND lease_expires_at < ?))
                          AND kind IN \(ClaimedModelJob.Kind.sqlList(kinds))
                        ORDER BY id LIMIT 1)
            RETURNING id, kind, public_id, version_id, input_sha256, input_filename, input_content_type, attempts
            """, arguments: [owner, time + policy.leaseSeconds, time, time]) else { return nil }
        let version = try Row.fetchOne(db, sql: """
            SELECT model_versions.package_sha256, models.owner_id FROM model_versions
            JOIN models ON models.id = model_versions.model_id WHERE model_versions.id = ?
            """, arguments: [row["version_id"] as String])
        return ClaimedModelJob(rowID: row["id"], kind: ClaimedModelJob.Kind(rawValue: row["kind"]) ?? .run,
                               publicID: row["public_id"], versionID: row["version_id"],
                               packageSHA256: version?["package_sha256"] ?? "", modelOwnerID: version?["owner_id"] ?? 0,
                               inputSHA256: row["input_sha256"], inputFilename: row["input_filename"],
                               inputContentType: row["input_content_type"], attempt: row["attempts"], owner: owner)
    }

    private func failExhausted(at time: Double, in db: Database) throws {
        let message = "the job did not finish after \(policy.maxAttempts) attempts (its worker crashed or was stopped)"
        let builds = try String.fetchAll(db, sql: """
            UPDATE model_jobs SET state = 'failed', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL, error = ?
            WHERE state = 'running' AND lease_expires_at < ? AND attempts >= ?
            RETURNING CASE kind WHEN 'build' THEN version_id END
            """, arguments: [time, message, time, policy.maxAttempts]).compactMap { $0 }
        for versionID in builds {
            try db.execute(sql: "UPDATE model_versions SET status = 'failed', error = ?, finished_at = ? WHERE id = ?",
                           arguments: [message, time, versionID])
        }
    }

    public func renew(_ job: ClaimedModelJob) throws(StoreError) -> Bool {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    UPDATE model_jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND state = 'running'
                    """, arguments: [now() + policy.leaseSeconds, job.rowID, job.owner])
                return db.changesCount == 1
            }
        }
    }

    public func appendBuildLog(_ job: ClaimedModelJob, _ text: String) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                guard let log = try String.fetchOne(db, sql: """
                    SELECT model_versions.build_log FROM model_versions JOIN model_jobs ON model_jobs.version_id = model_versions.id
                    WHERE model_jobs.id = ? AND model_jobs.lease_owner = ? AND model_jobs.state = 'running'
                    """, arguments: [job.rowID, job.owner]) else { return }
                try db.execute(sql: "UPDATE model_versions SET build_log = ? WHERE id = ?",
                               arguments: [(log + text).keepingLast(bytes: ModelVersion.buildLogLimit), job.versionID])
            }
        }
    }

    public func finishBuild(_ job: ClaimedModelJob, error: String?) throws(StoreError) -> Bool {
        try finish(job, error: error) { db, time in
            try db.execute(sql: "UPDATE model_versions SET status = ?, error = ?, finished_at = ? WHERE id = ?",
                           arguments: [error == nil ? "ready" : "failed", error, time, job.versionID])
        }
    }

    public func finishRun(_ job: ClaimedModelJob, error: String?, resultJSON: String?, log: String, milliseconds: Int,
                          outputs: [ModelJobOutput],
                          confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) -> Bool {
        try finish(job, error: error) { db, _ in
            try db.execute(sql: "UPDATE model_jobs SET result = ?, log = ?, ms = ? WHERE id = ?",
                           arguments: [resultJSON, log, milliseconds, job.rowID])
            for output in outputs {
                try db.execute(sql: """
                    INSERT INTO model_job_outputs (job_id, name, blob_sha256, content_type, byte_size) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [job.rowID, output.name, output.blobSHA256, output.contentType, output.byteSize])
            }
            try confirmBlobs()
        }
    }

    public func release(_ job: ClaimedModelJob, reason: String, countAttempt: Bool) throws(StoreError) -> Bool {
        if countAttempt && job.attempt >= policy.maxAttempts {
            let message = "the job failed \(job.attempt) times; last error: \(reason)"
            return job.kind == .build ? try finishBuild(job, error: message)
                : try finishRun(job, error: message, resultJSON: nil, log: "", milliseconds: 0, outputs: [], confirmingBlobs: {})
        }
        return try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    UPDATE model_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                                          attempts = attempts - ?, error = ?
                    WHERE id = ? AND lease_owner = ? AND state = 'running'
                    """, arguments: [countAttempt ? 0 : 1, reason, job.rowID, job.owner])
                return db.changesCount == 1
            }
        }
    }

    public func depth() throws(StoreError) -> QueueDepth {
        let time = now()
        return try translatingErrors { try writer.inDatabase { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM model_jobs WHERE state = 'queued') AS queued,
                       (SELECT COUNT(*) FROM model_jobs WHERE state = 'running') AS running,
                       (SELECT MIN(enqueued_at) FROM model_jobs WHERE state = 'queued') AS oldest
                """)!
            let oldest: Double? = row["oldest"]
            return QueueDepth(queued: row["queued"], running: row["running"],
                              oldestQueuedAgeSeconds: oldest.map { max(0, (time - $0) * 1000).rounded() / 1000 })
        } }
    }

    /// Ends the job if the lease is still the caller's, and records the rest, in one transaction.
    private func finish(_ job: ClaimedModelJob, error: String?,
                        record: (Database, Double) throws -> Void) throws(StoreError) -> Bool {
        let time = now()
        return try translatingErrors { try writer.write { db in
            try db.execute(sql: """
                UPDATE model_jobs SET state = ?, finished_at = ?, lease_owner = NULL, lease_expires_at = NULL, error = ?
                WHERE id = ? AND lease_owner = ? AND state = 'running'
                """, arguments: [error == nil ? "succeeded" : "failed", time, error, job.rowID, job.owner])
            guard db.changesCount == 1 else { return false }
            try record(db, time)
            return true
        } }
    }
}
