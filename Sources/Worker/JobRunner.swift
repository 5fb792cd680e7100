import Foundation
import Logging
import PeekCore
import PeekStore
import Vision

/// The worker's loop: claim a job, have the analysis process analyse it, record the outcome;
/// sleep on the wake-up channel when the queue is empty (the FIFO with SQLite, LISTEN/NOTIFY with
/// PostgreSQL). Model builds and runs drain beside it, on the `ModelLane`'s thread.
public final class JobRunner {
    /// Even without a wake-up, look at the queue this often (expired leases, missed signals).
    static let idleRecheckSeconds = 2.0
    /// An idle worker sweeps (retention, orphan blobs, stale temp files) this often.
    static let sweepIntervalSeconds = 3_600.0
    /// How long a worker waits after the blob store failed to hand it a job's image.
    static let storeRetrySeconds = 2.0

    private let configuration: PeekConfiguration
    private let queue: any JobQueue
    private let blobs: any BlobStore
    private let directory: DataDirectory
    private let wakeup: WakeupSignal
    private let wakeups: any WakeupChannel
    private let heartbeat: Heartbeat
    private let analysis: AnalysisProcess
    private let stop: StopSignal
    private let workerID: String
    private var logger: Logger
    private let sweeper: Sweeper
    private var lastSweep = 0.0
    private let lanes: WorkerLanes
    private let models: ModelLane

    /// `stubAnalysis`: answer every job with `StubAnalysisService` (benchmarks of the job path only).
    public init(configuration: PeekConfiguration, logger: Logger, lanes: WorkerLanes = .all,
                stubAnalysis: Bool = false) throws {
        let database = try DatabaseProvider.open(configuration)
        self.configuration = configuration
        self.queue = database.jobQueue(QueuePolicy(configuration: configuration))
        self.directory = DataDirectory(configuration: configuration)
        self.blobs = BlobStores.configured(configuration)
        self.wakeup = WakeupSignal(path: configuration.wakeupFIFO.path)
        self.wakeups = database.wakeups(local: wakeup)
        self.workerID = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(ImageID.generate().prefix(6))"
        var logger = logger
        logger[metadataKey: "worker.id"] = "\(workerID)"
        self.logger = logger
        self.heartbeat = Heartbeat(registry: database.workers, queue: queue, leaseSeconds: configuration.leaseSeconds,
                                   workerID: workerID, logger: logger)
        self.analysis = AnalysisProcess(configuration: configuration, logger: logger, stubbed: stubAnalysis)
        self.stop = StopSignal(wakeups: [wakeup, WakeupSignal(path: configuration.modelWakeupFIFO.path)])
        self.lanes = lanes
        self.sweeper = Sweeper(database: database, directory: directory, blobs: blobs,
                               retentionSeconds: configuration.retentionSeconds)
        self.models = try ModelLane(configuration: configuration, kinds: lanes.modelKinds, workerID: workerID, logger: logger)
    }

    /// Runs until stopped; with `once`, returns as soon as the queue is empty.
    public func run(once: Bool) throws {
        // A write to an analysis process that just died must come back as an error, not kill us.
        signal(SIGPIPE, SIG_IGN)
        try FileManager.default.createDirectory(at: configuration.runDirectory, withIntermediateDirectories: true)
        heartbeat.start()
        let stop = self.stop
        defer {
            analysis.stop()
            heartbeat.unregister()
        }
        logger.info("worker started", metadata: ["mode": "\(once ? "once" : "daemon")", "analyses": "\(lanes.analyses)",
                                                 "models": "\(lanes.modelKinds.map(\.rawValue).sorted().joined(separator: ","))"])
        let modelLane = !lanes.modelKinds.isEmpty
        if once {
            if lanes.analyses { try drainAnalyses(once: true) }
            if modelLane { models.drain(stop: { stop.isRequested }) }
        } else if !lanes.analyses {
            try models.run(stop: { stop.isRequested })
        } else {
            if modelLane { try models.start(stop: { stop.isRequested }) }
            try drainAnalyses(once: false)
            if modelLane { models.waitUntilStopped() }
        }
        logger.info("worker stopped")
    }

    private func drainAnalyses(once: Bool) throws {
        let listener = try wakeups.listener()
        while !stop.isRequested {
            if let job = try claimNext() {
                process(job)
            } else if once {
                break
            } else {
                sweepIfDue()
                listener.wait(timeout: Self.idleRecheckSeconds)
            }
        }
    }

    private func sweepIfDue() {
        let now = Date().timeIntervalSince1970
        guard now - lastSweep >= Self.sweepIntervalSeconds else { return }
        lastSweep = now
        do {
            let report = try sweeper.run()
            logger.info("swept", metadata: ["expired_images": "\(report.expiredImages)", "orphan_blobs": "\(report.orphanBlobs)",
                                            "stale_temporary_files": "\(report.staleTemporaryFiles)"])
        } catch {
            logger.warning("sweep failed; tried again in an hour", metadata: ["error": "\(error)"])
        }
    }

    private func claimNext() throws -> ClaimedJob? {
        do {
            return try queue.claim(owner: workerID)
        } catch {
            // A locked or vanished database is waited out, not fatal: the queue is still there after.
            logger.warning("cannot claim a job", metadata: ["error": "\(error)"])
            Thread.sleep(forTimeInterval: 1)
            return nil
        }
    }

    private func process(_ job: ClaimedJob) {
        var logger = self.logger
        logger[metadataKey: "job.id"] = "\(job.id)"
        logger[metadataKey: "image.id"] = "\(job.imageID)"
        let started = Date()
        heartbeat.begin(job)
        // The analysis process writes the annotated copy and the presets here; they become blobs.
        let scratch = directory.temporary.appendingPathComponent("job-\(job.id)-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let annotatedPath = scratch.appendingPathComponent("annotated.jpg").path
        let outcome: AnalysisOutcome
        // A bucket's blob is downloaded for the decoders (and removed when `source` goes).
        let source: BlobFile?
        do {
            source = try blobs.localFile(for: job.blobSHA256)
        } catch {
            handBack(job, reason: "the stored image cannot be read: \(error)", logger: logger)
            return
        }
        if let source, (try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)) != nil {
            let request = AnalysisRequest(imagePath: source.path, annotatedPath: annotatedPath, renditionDirectory: scratch.path,
                                          timeLimitSeconds: configuration.jobTimeoutSeconds)
            outcome = analysis.analyze(request, stopRequested: { stop.isRequested }, stopGrace: configuration.stopGraceSeconds)
        } else {
            outcome = .refused(message: "the stored image is missing", detail: "blob \(job.blobSHA256) not found")
        }
        let leaseLost = heartbeat.end()
        let elapsedMs = Int(Date().timeIntervalSince(started) * 1000)
        do {
            let recorded = try record(outcome, for: job, annotatedPath: annotatedPath, elapsedMs: elapsedMs, logger: logger)
            if !recorded || leaseLost {
                logger.warning("lease lost: another worker took the job over; result discarded")
            }
        } catch {
            logger.error("cannot record the outcome; the lease will expire and the job run again",
                         metadata: ["error": "\(error)"])
        }
    }

    /// The blob store did not answer: the job goes back to the queue without using up an
    /// attempt, and this worker pauses before its next claim rather than spinning on it.
    private func handBack(_ job: ClaimedJob, reason: String, logger: Logger) {
        _ = heartbeat.end()
        logger.warning("blob store unavailable; job handed back", metadata: ["error": "\(reason)"])
        _ = try? queue.release(job, reason: reason, countAttempt: false)
        Thread.sleep(forTimeInterval: Self.storeRetrySeconds)
    }

    private func record(_ outcome: AnalysisOutcome, for job: ClaimedJob, annotatedPath: String,
                        elapsedMs: Int, logger: Logger) throws -> Bool {
        switch outcome {
        case .completed(var insights, let files, let stages):
            let storing = ContinuousClock.now
            let (annotated, renditions) = try storeOutputs(files, annotatedPath: annotatedPath, of: job)
            let stored = ContinuousClock.now
            insights.processingMs = elapsedMs
            // Stored again under the write lock: a deletion of an image with identical outputs may
            // have removed them meanwhile (a blob still there costs a stat).
            let recorded = try queue.complete(job, insightsJSON: String(decoding: JSON.encode(insights), as: UTF8.self),
                                              annotatedSHA256: annotated, renditions: renditions, processingMs: elapsedMs) {
                () throws(StoreError) in _ = try storeOutputs(files, annotatedPath: annotatedPath, of: job)
            }
            var metadata: Logger.Metadata = ["ms": "\(elapsedMs)", "renditions": "\(renditions.count)",
                                             "outputs.ms": "\(Self.milliseconds(stored - storing))",
                                             "commit.ms": "\(Self.milliseconds(ContinuousClock.now - stored))"]
            for (stage, ms) in stages { metadata["analysis.\(stage).ms"] = "\(ms)" }
            logger.info("job completed", metadata: metadata)
            return recorded
        case .refused(let message, let detail):
            logger.info("job failed", metadata: ["error": "\(message)", "detail": "\(detail ?? "")"])
            return try queue.fail(job, message: message)
        case .timedOut(let seconds):
            logger.warning("job timed out", metadata: ["limit.seconds": "\(seconds)"])
            return try queue.fail(job, message: "analysis timed out after \(seconds.formatted()) seconds")
        case .outOfMemory(let limit):
            logger.warning("job exceeded its memory limit", metadata: ["limit.mb": "\(limit)"])
            return try queue.fail(job, message: "analysis needed more than the \(limit) MB memory limit")
        case .crashed(let reason):
            logger.error("analysis process crashed", metadata: ["reason": "\(reason)", "attempt": "\(job.attempt)"])
            return try queue.release(job, reason: reason)
        case .interrupted:
            logger.info("job handed back: the worker is stopping")
            return try queue.release(job, reason: "the worker stopped during analysis", countAttempt: false)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 10).rounded() / 10
    }

    /// The annotated copy and the presets the analysis process wrote, stored as blobs.
    /// Each blob is written and synced on a thread of its own, so that their fsyncs overlap; all
    /// are durable when this returns, before the job's commit.
    private func storeOutputs(_ files: [RenditionFile], annotatedPath: String,
                              of job: ClaimedJob) throws(StoreError) -> (annotated: String, renditions: [Rendition]) {
        let annotated = Slots<(String, Int)>(count: 1), renditions = Slots<Rendition>(count: files.count)
        let blobs = self.blobs
        DispatchQueue.concurrentPerform(iterations: files.count + 1) { index in
            if index == files.count {
                annotated.store(Result { () throws(StoreError) in try Self.storedFile(annotatedPath, in: blobs) }, at: 0)
            } else {
                renditions.store(Result { () throws(StoreError) in try Self.stored(files[index], of: job, in: blobs) }, at: index)
            }
        }
        return (try annotated.values()[0].0, try renditions.values())
    }

    private static func storedFile(_ path: String, in blobs: any BlobStore) throws(StoreError) -> (digest: String, size: Int) {
        let mapped: MappedFile
        do { mapped = try MappedFile(path: path) } catch { throw .storage(error) }
        let result: Result<(String, Int), StoreError> = mapped.withBytes { bytes in
            Result { () throws(StoreError) in (try blobs.store(bytes), bytes.count) }
        }
        return try result.get()
    }

    /// A preset the analysis process wrote, stored as a blob and described for its record.
    private static func stored(_ file: RenditionFile, of job: ClaimedJob, in blobs: any BlobStore) throws(StoreError) -> Rendition {
        let (digest, size) = try storedFile(file.path, in: blobs)
        return Rendition(sourceSHA256: job.blobSHA256, recipe: Preset(rawValue: file.preset)?.recipe ?? file.preset,
                         blobSHA256: digest, contentType: file.contentType, width: file.width, height: file.height,
                         byteSize: size, createdAt: Date().timeIntervalSince1970)
    }
}

/// Results written from concurrent threads, read once all have ended.
private final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Value, StoreError>?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func store(_ result: Result<Value, StoreError>, at index: Int) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    func values() throws(StoreError) -> [Value] {
        lock.lock()
        let all = results
        lock.unlock()
        var values: [Value] = []
        for result in all {
            guard let result else { throw .storage(SystemError(operation: "store", path: "an output that was not stored")) }
            values.append(try result.get())
        }
        return values
    }
}
