import Foundation
import Logging
import PeekCore
import PeekStore

/// A background thread that records the worker's heartbeat and renews the lease of the job in
/// hand, so a long analysis is not mistaken for a dead worker.
final class Heartbeat: @unchecked Sendable {
    private let registry: any WorkerRegistry
    private let queue: any JobQueue
    private let workerID: String
    private let startedAt = Date().timeIntervalSince1970
    private let interval: Double
    private let logger: Logger
    private let lock = NSLock()
    private var currentJob: ClaimedJob?
    private var jobsDone = 0
    private var leaseLost = false

    init(registry: any WorkerRegistry, queue: any JobQueue, leaseSeconds: Double, workerID: String, logger: Logger) {
        self.registry = registry
        self.queue = queue
        self.workerID = workerID
        self.logger = logger
        // Renew well before the lease can run out, and often enough for /api/health.
        self.interval = min(5, leaseSeconds / 3)
    }

    func start() {
        beat()
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: interval)
                beat()
            }
        }
        thread.name = "heartbeat"
        thread.start()
    }

    func begin(_ job: ClaimedJob) {
        withLock { currentJob = job; leaseLost = false }
    }

    /// Ends the current job; true if its lease was lost while it ran.
    @discardableResult
    func end() -> Bool {
        withLock {
            currentJob = nil
            jobsDone += 1
            return leaseLost
        }
    }

    func unregister() {
        try? registry.remove(workerID: workerID)
    }

    private func beat() {
        let (job, done) = withLock { (currentJob, jobsDone) }
        do {
            try registry.beat(workerID: workerID, pid: getpid(), startedAt: startedAt, currentJob: job?.id, jobsDone: done)
            if let job, try !queue.renew(job) {
                withLock { leaseLost = true }
                logger.warning("lease lost", metadata: ["job.id": "\(job.id)"])
            }
        } catch {
            logger.warning("heartbeat failed", metadata: ["error": "\(error)"])
        }
    }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
