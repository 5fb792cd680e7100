import Foundation

/// The `model_jobs` table of a PostgreSQL database as the worker drains it: claims lock the row
/// they take and skip rows others hold (`FOR UPDATE SKIP LOCKED`), as `PostgreSQLJobQueue` does.
public struct PostgreSQLModelJobQueue: ModelJobQueue {
    let pool: PostgreSQLPool
    let policy: QueuePolicy
    private let now: @Sendable () -> Double

    public init(database: PostgreSQLDatabase, policy: QueuePolicy,
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.init(pool: database.pool, policy: policy, now: now)
    }

    init(pool: PostgreSQLPool, policy: QueuePolicy, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.pool = pool
        self.policy = policy
        self.now = now
    }

    public func claim(owner: String, kinds: Set<ClaimedModelJob.Kind>) throws(StoreError) -> ClaimedModelJob? {
        guard !kinds.isEmpty else { return nil }
        let time = now()
        return try pool.withConnection { connection in
            try failExhausted(at: time, on: connection)
            guard let row = try connection.execute("""
                WITH next AS (
                    SELECT id FROM model_jobs
                    WHERE (state = 'queued' OR (state = 'running' AND lease_expires_at < $3 AND attempts < $4))
                      AND kind IN \(ClaimedModelJob.Kind.sqlList(kinds))
                    ORDER BY id LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                UPDATE model_jobs SET state = 'running', attempts = model_jobs.attempts + 1, lease_owner = $1,
                                      lease_expires_at = $2, started_at = $3
                FROM next, model_versions, models
                WHERE model_jobs.id = next.id AND model_versions.id = model_jobs.version_id
                  AND models.id = model_versions.model_id
                RETURNING model_jobs.id, model_jobs.kind, model_jobs.public_id, model_jobs.version_id,
                          model_jobs.input_sha256, model_jobs.input_filename, model_jobs.input_content_type, model_jobs.attempts,
                          model_versions.package_sha256, models.owner_id AS model_owner_id
                """, [owner, time + policy.leaseSeconds, time, policy.maxAttempts]).first else { return nil }
            return ClaimedModelJob(rowID: row["id"], kind: ClaimedModelJob.Kind(rawValue: row["kind"]) ?? .run,
                                   publicID: row["public_id"], versionID: row["version_id"],
                                   packageSHA256: row["package_sha256"], modelOwnerID: row["model_owner_id"],
                                   inputSHA256: row["input_sha256"], inputFilename: row["input_filename"],
                                   inputContentType: row["input_content_type"], attempt: row["attempts"], owner: owner)
        }
    }

    /// One statement that locks only the rows it changes and skips those another worker holds.
    private func failExhausted(at time: Double, on connection: PostgreSQLConnection) throws {
        let message = "the job did not finish after \(policy.maxAttempts) attempts (its worker crashed or was stopped)"
        try connection.execute("""
            WITH exhausted AS (
                SELECT id FROM model_jobs
                WHERE state = 'running' AND lease_expires_at < $1 AND attempts >= $2
                FOR UPDATE SKIP LOCKED),
            failed AS (
                UPDATE model_jobs SET state = 'failed', finished_at = $1, lease_owner = NULL, lease_expires_at = NULL,
                                      error = $3
                FROM exhausted WHERE model_jobs.id = exhausted.id
                RETURNING model_jobs.kind, model_jobs.version_id)
            UPDATE model_versions SET status = 'failed', error = $3, finished_at = $1
            WHERE id IN (SELECT version_id FROM failed WHERE kind = 'build')
            """, [time, policy.maxAttempts, message])
    }

    public func renew(_ job: ClaimedModelJob) throws(StoreError) -> Bool {
        try pool.withConnection { connection in
            try connection.execute("""
                UPDATE model_jobs SET lease_expires_at = $1 WHERE id = $2 AND lease_owner = $3 AND state = 'running'
                """, [now() + policy.leaseSeconds, job.rowID, job.owner]).affectedRows == 1
        }
    }

    public func appendBuildLog(_ job: ClaimedModelJob, _ text: String) throws(StoreError) {
        try pool.withConnection { connection in
            // The kept part is cut in Swift (at a character boundary), so the log is read first.
            try connection.transaction {
                guard let row = try connection.execute("""
                    SELECT model_versions.build_log FROM model_versions
                    JOIN model_jobs ON model_jobs.version_id = model_versions.id
                    WHERE model_jobs.id = $1 AND model_jobs.lease_owner = $2 AND model_jobs.state = 'running'
                    FOR UPDATE OF model_versions
                    """, [job.rowID, job.owner]).first else { return }
                let log: String = row["build_log"]
                try connection.execute("UPDATE model_versions SET build_log = $1 WHERE id = $2",
                                       [(log + text).keepingLast(bytes: ModelVersion.buildLogLimit), job.versionID])
            }
        }
    }

    public func finishBuild(_ job: ClaimedModelJob, error: String?) throws(StoreError) -> Bool {
        try finish(job, error: error) { connection, time in
            try connection.execute("UPDATE model_versions SET status = $1, error = $2, finished_at = $3 WHERE id = $4",
                                   [error == nil ? "ready" : "failed", error, time, job.versionID])
        }
    }

    public func finishRun(_ job: ClaimedModelJob, error: String?, resultJSON: String?, log: String, milliseconds: Int,
                          outputs: [ModelJobOutput],
                          confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) -> Bool {
        try finish(job, error: error) { connection, _ in
            try connection.execute("UPDATE model_jobs SET result = $1, log = $2, ms = $3 WHERE id = $4",
                                   [resultJSON, log, milliseconds, job.rowID])
            for output in outputs {
                try connection.execute("""
                    INSERT INTO model_job_outputs (job_id, name, blob_sha256, content_type, byte_size) VALUES ($1, $2, $3, $4, $5)
                    """, [job.rowID, output.name, output.blobSHA256, output.contentType, output.byteSize])
            }
            try PostgreSQLLocks.lockBlobs(outputs.map(\.blobSHA256), on: connection)
            try confirmBlobs()
        }
    }

    public func release(_ job: ClaimedModelJob, reason: String, countAttempt: Bool) throws(StoreError) -> Bool {
        if countAttempt && job.attempt >= policy.maxAttempts {
            let message = "the job failed \(job.attempt) times; last error: \(reason)"
            return job.kind == .build ? try finishBuild(job, error: message)
                : try finishRun(job, error: message, resultJSON: nil, log: "", milliseconds: 0, outputs: [], confirmingBlobs: {})
        }
        return try pool.withConnection { connection in
            try connection.execute("""
                UPDATE model_jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                                      attempts = attempts - $1, error = $2
                WHERE id = $3 AND lease_owner = $4 AND state = 'running'
                """, [countAttempt ? 0 : 1, reason, job.rowID, job.owner]).affectedRows == 1
        }
    }

    public func depth() throws(StoreError) -> QueueDepth {
        let time = now()
        return try pool.withConnection { connection in
            let row = try connection.execute("""
                SELECT (SELECT COUNT(*) FROM model_jobs WHERE state = 'queued') AS queued,
                       (SELECT COUNT(*) FROM model_jobs WHERE state = 'running') AS running,
                       (SELECT MIN(enqueued_at) FROM model_jobs WHERE state = 'queued') AS oldest
                """).first!
            let oldest: Double? = row["oldest"]
            return QueueDepth(queued: row["queued"], running: row["running"],
                              oldestQueuedAgeSeconds: oldest.map { max(0, (time - $0) * 1000).rounded() / 1000 })
        }
    }

    /// Ends the job if the lease is still the caller's, and records the rest, in one transaction.
    private func finish(_ job: ClaimedModelJob, error: String?,
                        record: (PostgreSQLConnection, Double) throws -> Void) throws(StoreError) -> Bool {
        let time = now()
        return try pool.transaction { connection in
            let ended = try connection.execute("""
                UPDATE model_jobs SET state = $1, finished_at = $2, lease_owner = NULL, lease_expires_at = NULL, error = $3
                WHERE id = $4 AND lease_owner = $5 AND state = 'running'
                """, [error == nil ? "succeeded" : "failed", time, error, job.rowID, job.owner]).affectedRows
            guard ended == 1 else { return false }
            try record(connection, time)
            return true
        }
    }
}
