/// The durable job table: enqueue with the image in one transaction, claim under a lease, renew,
/// and finish (complete, fail, release). Every change after a claim checks that the lease is
/// still the caller's, so a worker that lost its lease cannot overwrite another's result.
public protocol JobQueue: Sendable {
    /// Refuses `count` new uploads from `client` when its backlog, or the whole queue, would pass
    /// its limit: checked before anything is stored, and again by `enqueue`.
    func admit(client: String, count: Int) throws(StoreError)
    /// Stores the image rows and their jobs atomically: all exist or none does. Jobs are handed
    /// out round-robin between clients: a job's place is its rank in its client's backlog.
    /// `confirmBlobs` runs under the write lock once the rows are in, and must make sure each blob
    /// they name is stored (a deletion may have removed an identical blob since it was written).
    func enqueue(_ images: [ImageRecord], client: String,
                 confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError)
    /// Takes the oldest job that is queued or whose lease ran out; jobs whose lease ran out on
    /// their last allowed attempt are failed instead of being handed out again.
    func claim(owner: String) throws(StoreError) -> ClaimedJob?
    /// Extends the lease; false when the lease was lost and the job must be abandoned.
    func renew(_ job: ClaimedJob) throws(StoreError) -> Bool
    /// Records the insights document, the annotated copy and the renditions made with them, and
    /// ends the job, in one transaction: a completed image has its presets. `confirmBlobs` runs
    /// under the write lock, as for `enqueue`.
    func complete(_ job: ClaimedJob, insightsJSON: String, annotatedSHA256: String, renditions: [Rendition],
                  processingMs: Int, confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) -> Bool
    /// Ends the job for good with a message the client will read.
    func fail(_ job: ClaimedJob, message: String) throws(StoreError) -> Bool
    /// Hands the job back after a fault. The attempt stays counted unless the worker is merely
    /// shutting down; a job out of attempts is failed with `reason` instead of being requeued.
    func release(_ job: ClaimedJob, reason: String, countAttempt: Bool) throws(StoreError) -> Bool
    func depth() throws(StoreError) -> QueueDepth
}

extension JobQueue {
    public func admit(client: String) throws(StoreError) {
        try admit(client: client, count: 1)
    }

    public func enqueue(_ image: ImageRecord, client: String,
                        confirmingBlobs confirmBlobs: () throws(StoreError) -> Void = {}) throws(StoreError) {
        try enqueue([image], client: client, confirmingBlobs: confirmBlobs)
    }

    public func release(_ job: ClaimedJob, reason: String) throws(StoreError) -> Bool {
        try release(job, reason: reason, countAttempt: true)
    }
}
