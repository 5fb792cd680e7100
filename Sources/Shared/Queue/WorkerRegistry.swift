import Foundation
import GRDB

/// Worker heartbeats: each running worker refreshes its row so `/api/health` can tell it is alive.
public struct WorkerRegistry {
    public let database: PeekDatabase

    public init(database: PeekDatabase) {
        self.database = database
    }

    public func beat(workerID: String, pid: Int32, startedAt: Double, currentJob: Int64?, jobsDone: Int) throws {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO workers (id, pid, started_at, heartbeat_at, current_job, jobs_done)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,
                    current_job = excluded.current_job, jobs_done = excluded.jobs_done
                """, arguments: [workerID, pid, startedAt, Date().timeIntervalSince1970, currentJob, jobsDone])
        }
    }

    public func remove(workerID: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM workers WHERE id = ?", arguments: [workerID])
        }
    }

    /// The newest heartbeat of any worker, as a Unix time.
    public func lastHeartbeat() throws -> Double? {
        try database.writer.inDatabase { db in
            try Double.fetchOne(db.cachedStatement(sql: "SELECT MAX(heartbeat_at) FROM workers"))
        }
    }
}
