/// The durable queue of model jobs (builds and runs), with the semantics of the analysis queue
/// (SPEC §4): claimed under a lease, renewed while running, run again when a lease runs out,
/// failed for good after a bounded number of attempts. Every change after a claim checks that
/// the lease is still the caller's.
public protocol ModelJobQueue: Sendable {
    /// Fails the jobs whose lease ran out on their last attempt, then takes the oldest queued job
    /// of one of `kinds` (or one whose lease ran out): a VPS drains builds, which need the network,
    /// and runs, which must not have it, in services of their own.
    func claim(owner: String, kinds: Set<ClaimedModelJob.Kind>) throws(StoreError) -> ClaimedModelJob?
    /// Extends the lease; false when it was lost.
    func renew(_ job: ClaimedModelJob) throws(StoreError) -> Bool
    /// Appends to a build's log while it runs (kept to its last 256 KiB), so clients can follow it.
    func appendBuildLog(_ job: ClaimedModelJob, _ text: String) throws(StoreError)
    /// Ends a build: its version `ready`, or `failed` with `error`.
    func finishBuild(_ job: ClaimedModelJob, error: String?) throws(StoreError) -> Bool
    /// Ends a run with its outcome and outputs (their blobs confirmed by `confirmBlobs` under the
    /// write lock, as for analyses).
    func finishRun(_ job: ClaimedModelJob, error: String?, resultJSON: String?, log: String, milliseconds: Int,
                   outputs: [ModelJobOutput], confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError) -> Bool
    /// Hands the job back after a fault (the attempt stays counted unless the worker is merely
    /// stopping); a job out of attempts is failed with `reason` instead.
    func release(_ job: ClaimedModelJob, reason: String, countAttempt: Bool) throws(StoreError) -> Bool
    /// Jobs queued and running.
    func depth() throws(StoreError) -> QueueDepth
}
