import Foundation

/// The `workers` table of a PostgreSQL database.
struct PostgreSQLWorkerRegistry: WorkerRegistry {
    let pool: PostgreSQLPool

    func beat(workerID: String, pid: Int32, startedAt: Double, currentJob: Int64?, jobsDone: Int) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO workers (id, pid, started_at, heartbeat_at, current_job, jobs_done)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,
                    current_job = excluded.current_job, jobs_done = excluded.jobs_done
                """, [workerID, pid, startedAt, Date().timeIntervalSince1970, currentJob, jobsDone])
        }
    }

    func remove(workerID: String) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("DELETE FROM workers WHERE id = $1", [workerID])
        }
    }

    func lastHeartbeat() throws(StoreError) -> Double? {
        try pool.withConnection { connection in
            try connection.execute("SELECT MAX(heartbeat_at) AS beat FROM workers").first!["beat"] as Double?
        }
    }
}
