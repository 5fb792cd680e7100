import Foundation
import PeekCore
import PeekHTTP
import PeekStore

/// `GET /api/health`: database and storage state (the data directory's folders, and the bucket
/// with `PEEK_BLOB_STORE=s3`), queue depth and worker liveness.
public struct HealthHandler: Handler {
    let configuration: PeekConfiguration
    let directory: DataDirectory
    let databases: DatabaseProvider
    let writeLock = WriteLockProbe()
    let bucket: S3BlobStore?

    public init(configuration: PeekConfiguration) {
        self.configuration = configuration
        let directory = DataDirectory(configuration: configuration)
        self.directory = directory
        // A write lock held longer than this is reported as a locked database, not waited out.
        self.databases = DatabaseProvider(configuration: configuration, busyTimeout: 0.25)
        self.bucket = configuration.s3.map { S3BlobStore(settings: $0, temporaryDirectory: directory.temporary) }
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET")
        var report = HealthReport(status: "ok", database: "connected", storage: "writable")
        if let problem = storageProblem() {
            report.status = "degraded"
            report.storage = "unwritable"
            report.error = problem
        }
        do throws(StoreError) {
            try bucket?.probe()
        } catch {
            report.status = "degraded"
            report.storage = "unavailable"
            report.error = PublicError(error).message
        }
        do throws(StoreError) {
            let database = try databases.get()
            try writeLock.check(database)
            let depth = try database.jobQueue(QueuePolicy(configuration: configuration)).depth()
            report.queue = depth
            if let wait = backlogProblem(depth) {
                report.status = "degraded"
                report.error = wait
            }
            report.worker = WorkerState(lastHeartbeat: try database.workers.lastHeartbeat(),
                                        staleAfter: configuration.heartbeatStaleSeconds)
        } catch {
            report.status = "degraded"
            report.database = "unavailable"
            report.error = PublicError(error).message
        }
        return .json(report.status == "ok" ? .ok : .serviceUnavailable, encoding: report)
    }

    /// Uploads waiting this long mean the workers are stopped or far behind, whatever else is fine.
    private func backlogProblem(_ depth: QueueDepth) -> String? {
        guard let age = depth.oldestQueuedAgeSeconds, age > configuration.queueWaitDegradedSeconds else { return nil }
        return "the oldest queued upload has waited \(Int(age)) s for analysis "
            + "(more than \(Int(configuration.queueWaitDegradedSeconds)) s)"
    }

    private func storageProblem() -> String? {
        for folder in [directory.root, directory.blobs, directory.temporary] where access(folder.path, W_OK | X_OK) != 0 {
            return "storage is not writable: \(folder.lastPathComponent) (\(String(cString: strerror(errno))))"
        }
        return nil
    }
}

/// The body of `/api/health`.
struct HealthReport: Encodable {
    var status: String
    var database: String
    var storage: String
    var queue: QueueDepth?
    var worker: WorkerState?
    var error: String?
}

/// Whether a worker has reported in recently.
struct WorkerState: Encodable {
    var alive: Bool
    var lastHeartbeatAgeSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case alive
        case lastHeartbeatAgeSeconds = "last_heartbeat_age_seconds"
    }

    init(lastHeartbeat: Double?, staleAfter: Double) {
        let age = lastHeartbeat.map { max(0, Date().timeIntervalSince1970 - $0) }
        lastHeartbeatAgeSeconds = age.map { ($0 * 1000).rounded() / 1000 }
        alive = age.map { $0 <= staleAfter } ?? false
    }
}
