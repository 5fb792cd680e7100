import Foundation
import GRDB

/// The `workers` table of a SQLite database.
struct SQLiteWorkerRegistry: WorkerRegistry {
    let writer: DatabaseQueue

    func beat(workerID: String, pid: Int32, startedAt: Double, currentJob: Int64?, jobsDone: Int) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO workers (id, pid, started_at, heartbeat_at, current_job, jobs_done)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,
                        current_job = excluded.current_job, jobs_done = excluded.jobs_done
                    """, arguments: [workerID, pid, startedAt, Date().timeIntervalSince1970, currentJob, jobsDone])
            }
        }
    }

    func remove(workerID: String) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM workers WHERE id = ?", arguments: [workerID])
            }
        }
    }

    func lastHeartbeat() throws(StoreError) -> Double? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Double.fetchOne(db.cachedStatement(sql: "SELECT MAX(heartbeat_at) FROM workers"))
            }
        }
    }
}
