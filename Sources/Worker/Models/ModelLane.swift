import Dispatch
import Foundation
import Logging
import PeekCore
import PeekStore
import Sandbox

/// The worker's second lane: model builds and runs (SPEC §11), claimed from their own queue on a
/// thread of their own beside the analyses, each executed in sandboxed processes the lane only
/// watches. So a model job never holds up an analysis (nor the other way round); sandboxes run
/// niced, so that analyses come first when both want the CPU.
final class ModelLane: @unchecked Sendable {
    private let configuration: PeekConfiguration
    private let queue: any ModelJobQueue
    private let blobs: any BlobStore
    private let workspace: ModelWorkspace
    private let sandboxes: ModelSandboxes
    private let user: SandboxUser
    private let workerID: String
    private let logger: Logger
    private let kinds: Set<ClaimedModelJob.Kind>
    private let wakeups: any WakeupChannel
    private let finished = DispatchSemaphore(value: 0)

    init(configuration: PeekConfiguration, kinds: Set<ClaimedModelJob.Kind>, workerID: String, logger: Logger) throws {
        let database = try DatabaseProvider.open(configuration)
        let directory = DataDirectory(configuration: configuration)
        self.configuration = configuration
        self.kinds = kinds
        queue = database.modelJobs(QueuePolicy(configuration: configuration))
        // A pipe of its own: a model upload's wake-up must reach a model lane, not an analysis loop.
        wakeups = database.wakeups(local: WakeupSignal(path: configuration.modelWakeupFIFO.path))
        blobs = BlobStores.configured(configuration)
        workspace = ModelWorkspace(directory: directory)
        sandboxes = ModelSandboxes(configuration: configuration, workspace: workspace)
        user = SandboxUser(base: configuration.modelSandboxUIDBase)
        self.workerID = workerID
        self.logger = logger
    }

    /// Drains the queue on a thread of its own until `stop` is requested.
    func start(stop: @escaping @Sendable () -> Bool) throws {
        // Handed to the lane's thread, which alone uses it from then on.
        nonisolated(unsafe) let listener = try wakeups.listener()
        let thread = Thread { [self] in
            drainUntilStopped(listener, stop: stop)
            finished.signal()
        }
        thread.name = "model-lane"
        thread.start()
    }

    func waitUntilStopped() {
        finished.wait()
    }

    /// Drains the queue on the calling thread until `stop` is requested (a models-only worker).
    func run(stop: @escaping @Sendable () -> Bool) throws {
        drainUntilStopped(try wakeups.listener(), stop: stop)
    }

    private func drainUntilStopped(_ listener: any WakeupListener, stop: @escaping @Sendable () -> Bool) {
        while !stop() {
            if let job = claimNext() {
                process(job, stop: stop)
            } else {
                listener.wait(timeout: JobRunner.idleRecheckSeconds)
            }
        }
    }

    /// Runs what is queued, then returns (`peek-worker --once`).
    func drain(stop: @escaping @Sendable () -> Bool) {
        while !stop(), let job = claimNext() { process(job, stop: stop) }
    }

    private func claimNext() -> ClaimedModelJob? {
        do {
            return try queue.claim(owner: workerID, kinds: kinds)
        } catch {
            logger.warning("cannot claim a model job", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private func process(_ job: ClaimedModelJob, stop: @escaping @Sendable () -> Bool) {
        var logger = self.logger
        logger[metadataKey: "model_job.id"] = "\(job.publicID)"
        logger[metadataKey: "model_job.kind"] = "\(job.kind.rawValue)"
        let claimedAt = Date()
        let lease = LeaseKeeper(queue: queue, job: job, every: configuration.leaseSeconds / 3)
        let grace = configuration.stopGraceSeconds
        let stopping = StopClock()
        let stopRequested: @Sendable () -> Bool = {
            lease.isLost || (stop() && stopping.since() > grace)
        }
        defer { lease.end() }
        do {
            // Written (again, if it changed) before each job: an upgrade brings a new runner.
            try RunnerScript.install(at: workspace.runner)
            switch job.kind {
            case .build:
                let verdict = ModelBuild(job: job, configuration: configuration, workspace: workspace, sandboxes: sandboxes,
                                         user: user, blobs: blobs, queue: queue, logger: logger)
                    .perform(stopRequested: stopRequested)
                try record(verdict, of: job, logger: logger) { error in try queue.finishBuild(job, error: error) }
            case .run:
                let run = ModelRun(job: job, sandboxes: sandboxes, workspace: workspace, user: user, blobs: blobs)
                let result = run.perform(claimedAt: claimedAt, stopRequested: stopRequested)
                let outputs = result.outputs
                try record(result.verdict, of: job, logger: logger, metadata: [
                    "ms": "\(result.milliseconds)", "entered.ms": "\(result.enteredAfterMs.map { String(format: "%.1f", $0) } ?? "-")",
                    "job.ms": "\(Int(Date().timeIntervalSince(claimedAt) * 1000))", "outputs": "\(outputs.count)",
                ]) { error in
                    var resultJSON: String?
                    if case .succeeded(let json) = result.verdict { resultJSON = json }
                    return try queue.finishRun(job, error: error, resultJSON: resultJSON, log: result.log,
                                               milliseconds: result.milliseconds, outputs: outputs) { () throws(StoreError) in
                        // Checked under the write lock: a deletion may have removed an identical blob
                        // meanwhile. The run's folder is gone by now, so the job is run again instead.
                        if let gone = outputs.first(where: { !blobs.contains($0.blobSHA256) }) {
                            throw StoreError.blobStoreUnavailable(reason: "output \(gone.name) was removed by a deletion meanwhile")
                        }
                    }
                }
            }
        } catch {
            logger.error("cannot record the model job; its lease will expire and it runs again", metadata: ["error": "\(error)"])
        }
        if lease.isLost { logger.warning("lease lost: another worker took the model job over; result discarded") }
    }

    private func record(_ verdict: RunVerdict, of job: ClaimedModelJob, logger: Logger, metadata: Logger.Metadata = [:],
                        finish: (String?) throws -> Bool) throws {
        switch verdict {
        case .succeeded:
            _ = try finish(nil)
            logger.info("model job succeeded", metadata: metadata)
        case .failed(let message):
            _ = try finish(message)
            logger.info("model job failed", metadata: metadata.merging(["error": "\(message)"]) { $1 })
        case .interrupted:
            _ = try queue.release(job, reason: "the worker stopped during the job", countAttempt: false)
            logger.info("model job handed back: the worker is stopping")
        }
    }
}

/// Renews a job's lease on a timer while it runs, and says when it was lost.
private final class LeaseKeeper: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var lost = false

    init(queue: any ModelJobQueue, job: ClaimedModelJob, every seconds: Double) {
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + seconds, repeating: seconds)
        timer.setEventHandler { [weak self] in
            // A database that is briefly unavailable is not a lost lease: the next renewal may work.
            if (try? queue.renew(job)) == false { self?.markLost() }
        }
        timer.resume()
    }

    var isLost: Bool {
        lock.lock()
        defer { lock.unlock() }
        return lost
    }

    func end() {
        timer.cancel()
    }

    private func markLost() {
        lock.lock()
        lost = true
        lock.unlock()
    }
}

/// Seconds since the first time it was asked (when the worker was first seen stopping).
private final class StopClock: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Date?

    func since() -> Double {
        lock.lock()
        defer { lock.unlock() }
        let start = first ?? Date()
        first = start
        return Date().timeIntervalSince(start)
    }
}
