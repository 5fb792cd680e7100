/// Worker heartbeats: each running worker refreshes its row so `/api/health` can tell it is alive.
public protocol WorkerRegistry: Sendable {
    func beat(workerID: String, pid: Int32, startedAt: Double, currentJob: Int64?, jobsDone: Int) throws(StoreError)
    func remove(workerID: String) throws(StoreError)
    /// The newest heartbeat of any worker, as a Unix time.
    func lastHeartbeat() throws(StoreError) -> Double?
}
