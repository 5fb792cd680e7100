/// A database Peek keeps its tables in (SQLite, or PostgreSQL when `PEEK_DATABASE_URL` names one):
/// the images, the job queue, the workers, the owners' accounts, albums and models, and a probe of its
/// write lock. Handlers and the worker see only these protocols.
public protocol DatabaseBackend: AnyObject, Sendable {
    var images: any ImageCatalog { get }
    var workers: any WorkerRegistry { get }
    var renditions: any RenditionCatalog { get }
    var accounts: any AccountCatalog { get }
    var albums: any AlbumCatalog { get }
    var failures: any FailureLedger { get }
    var deletions: any DeletionCatalog { get }
    var models: any ModelCatalog { get }
    func jobQueue(_ policy: QueuePolicy) -> any JobQueue
    /// The queue of model builds and runs (SPEC §11), beside the analyses'.
    func modelJobs(_ policy: QueuePolicy) -> any ModelJobQueue
    /// Takes and releases the write lock: fails when another process holds it past the busy timeout.
    func checkWritable() throws(StoreError)
    /// Where the worker waits for new jobs; `local` is this machine's FIFO, which uploads and the
    /// worker's stop signal poke. SQLite's workers share the machine, so the FIFO is all they need.
    func wakeups(local: WakeupSignal) -> any WakeupChannel
}

extension DatabaseBackend {
    public func wakeups(local: WakeupSignal) -> any WakeupChannel { local }
}
