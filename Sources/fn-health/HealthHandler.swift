import Foundation
import GRDB
import Shared

/// `GET /api/health`: database and storage state, queue depth and worker liveness.
struct HealthHandler: Handler {
    let configuration: PeekConfiguration
    let databases: DatabaseProvider
    let writeLock = WriteLockProbe()

    init(configuration: PeekConfiguration) {
        self.configuration = configuration
        // A write lock held longer than this is reported as a locked database, not waited out.
        self.databases = DatabaseProvider(configuration: configuration, busyTimeout: 0.25)
    }

    func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET")
        var report = HealthReport(status: "ok", database: "connected", storage: "writable")
        if let problem = storageProblem() {
            report.status = "degraded"
            report.storage = "unwritable"
            report.error = problem
        }
        do {
            let database = try databases.get()
            try writeLock.check(database)
            report.queue = try JobQueue(database: database, configuration: configuration).depth()
            let lastBeat = try WorkerRegistry(database: database).lastHeartbeat()
            report.worker = WorkerState(lastHeartbeat: lastBeat, staleAfter: configuration.heartbeatStaleSeconds)
        } catch {
            report.status = "degraded"
            report.database = "unavailable"
            report.error = (error as? PeekError)?.publicMessage ?? Self.describe(error)
        }
        return .json(report.status == "ok" ? .ok : .serviceUnavailable, encoding: report)
    }

    private static func describe(_ error: Error) -> String {
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_BUSY {
            return "the database is locked by another process"
        }
        return "the database is not available"
    }

    private func storageProblem() -> String? {
        for directory in [configuration.dataDirectory, configuration.blobDirectory, configuration.temporaryDirectory]
        where access(directory.path, W_OK | X_OK) != 0 {
            return "storage is not writable: \(directory.lastPathComponent) (\(String(cString: strerror(errno))))"
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
