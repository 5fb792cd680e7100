import Foundation

/// The `jobs` table of a PostgreSQL database. Where SQLite relies on its single write lock,
/// this takes narrower ones: claims lock the row they take and skip rows others hold
/// (`FOR UPDATE SKIP LOCKED`), finishing a job locks its image row first (as deletions do, so
/// the two cannot deadlock), a client's enqueues are serialised by an advisory lock on the
/// client, and blobs named by new rows are confirmed under their advisory locks.
///
/// Times come from `now`, as with SQLite: the hosts of one installation keep their clocks in
/// step (NTP), since one host's lease is judged by another's clock.
public struct PostgreSQLJobQueue: JobQueue {
    /// What enqueues NOTIFY, and idle workers LISTEN on.
    static let channel = "peek_jobs"

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

    public func admit(client: String, count: Int) throws(StoreError) {
        try pool.withConnection { connection in _ = try backlog(of: client, adding: count, on: connection) }
    }

    /// One transaction: the client's backlog is counted under its lock, the rows go in, the
    /// blobs are confirmed under their locks, and the NOTIFY that wakes a worker is delivered
    /// by the COMMIT (so no worker looks before the job is there).
    public func enqueue(_ images: [ImageRecord], client: String,
                        confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) {
        try pool.transaction { connection in
            try PostgreSQLLocks.lockClientBacklog(client, on: connection)
            var queued: [ImageRecord] = []
            var reusedBlobs: [String] = []
            for image in images {
                if let annotated = try completeFromEarlierAnalysis(image, on: connection) {
                    reusedBlobs.append(annotated)
                } else {
                    queued.append(image)
                }
            }
            let rank = try backlog(of: client, adding: queued.count, on: connection)
            for (offset, image) in queued.enumerated() {
                try connection.execute("""
                    WITH image AS (\(ImageRecord.postgreSQLInsert) RETURNING id)
                    INSERT INTO jobs (image_id, enqueued_at, client, client_rank) SELECT id, $9, $19, $20 FROM image
                    """, image.postgreSQLValues + [client, rank + offset])
            }
            try PostgreSQLLocks.lockBlobs(images.map(\.blobSHA256) + reusedBlobs, on: connection)
            // Even for an upload completed at once: as the local wake-up, a notification too many costs a look.
            try connection.execute("SELECT pg_notify($1, '')", [Self.channel])
            try confirmBlobs()
        }
    }

    /// Stores `image` completed with the analysis its blob already has, of the current pipeline
    /// version, if there is one (the analysis fields only), and returns that analysis's annotated
    /// blob. The earlier row is locked FOR SHARE until the commit, so a deletion of it waits, and
    /// then finds the new row naming the annotated blob.
    private func completeFromEarlierAnalysis(_ image: ImageRecord, on connection: PostgreSQLConnection) throws -> String? {
        guard let earlier = try connection.execute("""
            SELECT insights, annotated_sha256, processing_ms FROM images
            WHERE blob_sha256 = $1 AND status = 'completed' AND pipeline_version = $2
              AND insights IS NOT NULL AND annotated_sha256 IS NOT NULL
            LIMIT 1 FOR SHARE
            """, [image.blobSHA256, PipelineVersion.current]).first else { return nil }
        var completed = image
        completed.status = .completed
        completed.insights = earlier["insights"]
        completed.annotatedSHA256 = earlier["annotated_sha256"]
        completed.processingMs = earlier["processing_ms"]
        completed.completedAt = now()
        completed.error = nil
        try connection.execute(ImageRecord.postgreSQLInsert, completed.postgreSQLValues)
        try connection.execute("UPDATE images SET pipeline_version = $1 WHERE id = $2", [PipelineVersion.current, image.id])
        return completed.annotatedSHA256
    }

    /// The client's unfinished jobs (its new jobs' first rank), once the limits are known to allow
    /// `count` more. The per-client limit is exact (enqueues of a client hold its lock); the
    /// whole queue's may be passed by the uploads of other clients committing at that moment.
    private func backlog(of client: String, adding count: Int, on connection: PostgreSQLConnection) throws -> Int {
        let row = try connection.execute("""
            SELECT (SELECT COUNT(*) FROM jobs WHERE client = $1 AND state = 'queued') AS client_queued,
                   (SELECT COUNT(*) FROM jobs WHERE client = $1 AND state = 'running') AS client_running,
                   (SELECT COUNT(*) FROM jobs WHERE state = 'queued') AS queued
            """, [client]).first!
        let clientQueued: Int = row["client_queued"]
        guard clientQueued + count <= policy.maxQueuedPerClient else {
            throw StoreError.clientBacklogFull(limit: policy.maxQueuedPerClient)
        }
        guard row["queued"] + count <= policy.maxQueued else { throw StoreError.queueFull(limit: policy.maxQueued) }
        return clientQueued + row["client_running"]
    }

    /// Fails the jobs whose lease ran out on their last attempt, then takes the next job. Each is
    /// one statement that locks only the rows it changes and skips those another worker holds.
    public func claim(owner: String) throws(StoreError) -> ClaimedJob? {
        let time = now()
        return try pool.withConnection { connection in
            try failExhausted(at: time, on: connection)
            guard let row = try connection.execute("""
                WITH next AS (
                    SELECT id FROM jobs
                    WHERE state = 'queued' OR (state = 'running' AND lease_expires_at < $3 AND attempts < $4)
                    ORDER BY client_rank, id LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                UPDATE jobs SET state = 'running', attempts = jobs.attempts + 1, lease_owner = $1,
                                lease_expires_at = $2, started_at = $3
                FROM next, images
                WHERE jobs.id = next.id AND images.id = jobs.image_id
                RETURNING jobs.id, jobs.image_id, jobs.attempts, images.blob_sha256
                """, [owner, time + policy.leaseSeconds, time, policy.maxAttempts]).first else { return nil }
            return ClaimedJob(id: row["id"], imageID: row["image_id"], blobSHA256: row["blob_sha256"],
                              attempt: row["attempts"], owner: owner)
        }
    }

    /// Locks each such job with its image, skipping pairs another transaction holds (a deletion
    /// of the image, another worker doing the same), so this never waits on a lock.
    private func failExhausted(at time: Double, on connection: PostgreSQLConnection) throws {
        let message = "analysis did not finish after \(policy.maxAttempts) attempts (the analysis process crashed or was stopped)"
        try connection.execute("""
            WITH exhausted AS (
                SELECT jobs.id, jobs.image_id FROM jobs JOIN images ON images.id = jobs.image_id
                WHERE jobs.state = 'running' AND jobs.lease_expires_at < $1 AND jobs.attempts >= $2
                FOR UPDATE OF jobs, images SKIP LOCKED),
            failed AS (
                UPDATE jobs SET state = 'failed', finished_at = $1, lease_owner = NULL, lease_expires_at = NULL,
                                last_error = $3
                FROM exhausted WHERE jobs.id = exhausted.id
                RETURNING jobs.image_id)
            UPDATE images SET status = 'failed', error = $3, completed_at = $1
            WHERE id IN (SELECT image_id FROM failed)
            """, [time, policy.maxAttempts, message])
    }

    public func renew(_ job: ClaimedJob) throws(StoreError) -> Bool {
        try pool.withConnection { connection in
            try connection.execute("""
                UPDATE jobs SET lease_expires_at = $1 WHERE id = $2 AND lease_owner = $3 AND state = 'running'
                """, [now() + policy.leaseSeconds, job.id, job.owner]).affectedRows == 1
        }
    }

    public func complete(_ job: ClaimedJob, insightsJSON: String, annotatedSHA256: String, renditions: [Rendition],
                         processingMs: Int, confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) -> Bool {
        try finish(job, jobState: "done", lastError: nil) { connection, time in
            try connection.execute("""
                UPDATE images SET status = 'completed', insights = $1, annotated_sha256 = $2,
                                  processing_ms = $3, completed_at = $4, error = NULL, pipeline_version = $6
                WHERE id = $5
                """, [insightsJSON, annotatedSHA256, processingMs, time, job.imageID, PipelineVersion.current])
            try Rendition.insertPostgreSQL(renditions, on: connection)
            try PostgreSQLLocks.lockBlobs([annotatedSHA256] + renditions.map(\.blobSHA256), on: connection)
            try confirmBlobs()
        }
    }

    public func fail(_ job: ClaimedJob, message: String) throws(StoreError) -> Bool {
        try finish(job, jobState: "failed", lastError: message) { connection, time in
            try connection.execute("UPDATE images SET status = 'failed', error = $1, completed_at = $2 WHERE id = $3",
                                   [message, time, job.imageID])
        }
    }

    public func release(_ job: ClaimedJob, reason: String, countAttempt: Bool = true) throws(StoreError) -> Bool {
        if countAttempt && job.attempt >= policy.maxAttempts {
            return try fail(job, message: "analysis failed \(job.attempt) times; last error: \(reason)")
        }
        return try pool.withConnection { connection in
            try connection.execute("""
                UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                                attempts = attempts - $1, last_error = $2
                WHERE id = $3 AND lease_owner = $4 AND state = 'running'
                """, [countAttempt ? 0 : 1, reason, job.id, job.owner]).affectedRows == 1
        }
    }

    public func depth() throws(StoreError) -> QueueDepth {
        let time = now()
        return try pool.withConnection { connection in
            let row = try connection.execute("""
                SELECT (SELECT COUNT(*) FROM jobs WHERE state = 'queued') AS queued,
                       (SELECT COUNT(*) FROM jobs WHERE state = 'running') AS running,
                       (SELECT MIN(enqueued_at) FROM jobs WHERE state = 'queued') AS oldest
                """).first!
            let oldest: Double? = row["oldest"]
            return QueueDepth(queued: row["queued"], running: row["running"],
                              oldestQueuedAgeSeconds: oldest.map { max(0, (time - $0) * 1000).rounded() / 1000 })
        }
    }

    /// Ends the job if the lease is still the caller's, and changes its image, in one transaction.
    /// The image row is locked before the job row, in the order a deletion locks them.
    private func finish(_ job: ClaimedJob, jobState: String, lastError: String?,
                        updateImage: (PostgreSQLConnection, Double) throws -> Void) throws(StoreError) -> Bool {
        let time = now()
        return try pool.transaction { connection in
            let ended = try connection.execute("""
                WITH image AS (SELECT id FROM images WHERE id = $6 FOR UPDATE)
                UPDATE jobs SET state = $1, finished_at = $2, lease_owner = NULL, lease_expires_at = NULL, last_error = $3
                WHERE id = $4 AND lease_owner = $5 AND state = 'running' AND EXISTS (SELECT 1 FROM image)
                """, [jobState, time, lastError, job.id, job.owner, job.imageID]).affectedRows
            guard ended == 1 else { return false }
            try updateImage(connection, time)
            return true
        }
    }
}
