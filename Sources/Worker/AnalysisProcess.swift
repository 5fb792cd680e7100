import Foundation
import Logging
import PeekCore

/// The worker's handle on its analysis process: starts it on demand, sends one job at a time,
/// and watches it while waiting — time limit, resident memory, stop requests — killing it when
/// it oversteps. A killed or crashed process is replaced at the next job.
final class AnalysisProcess {
    private let configuration: PeekConfiguration
    private let logger: Logger
    private var process: Process?
    private var channel: LineChannel?
    /// The channel only borrows the pipes' descriptors; the pipes live as long as the process.
    private var pipes: (Pipe, Pipe)?
    /// The process is `StubAnalysisService` (benchmarks of the job path), not the analysis.
    private let stubbed: Bool
    private static let pollInterval = 0.02

    init(configuration: PeekConfiguration, logger: Logger, stubbed: Bool = false) {
        self.configuration = configuration
        self.logger = logger
        self.stubbed = stubbed
    }

    deinit { stop() }

    func analyze(_ request: AnalysisRequest, stopRequested: () -> Bool, stopGrace: Double) -> AnalysisOutcome {
        guard let channel = try? running(), channel.send(JSON.encode(request)) else {
            stop()
            return .crashed(reason: "the analysis process could not be started")
        }
        // The analyzers check the deadline between steps; the hard limit catches a step that hangs.
        let hardDeadline = Date().addingTimeInterval(request.timeLimitSeconds + 2)
        var stopDeadline: Date?
        while true {
            switch channel.receive(timeout: Self.pollInterval) {
            case .line(let line):
                guard let reply = try? JSONDecoder().decode(AnalysisReply.self, from: line) else {
                    stop()
                    return .crashed(reason: "the analysis process sent an unreadable reply")
                }
                if let insights = reply.insights {
                    return .completed(insights, renditions: reply.renditions ?? [], stages: reply.stages ?? [:])
                }
                return .refused(message: reply.error ?? "image analysis failed", detail: reply.detail)
            case .closed:
                return .crashed(reason: "the analysis process \(reapedStatus())")
            case .pending:
                if Date() > hardDeadline {
                    stop()
                    return .timedOut(seconds: request.timeLimitSeconds)
                }
                if residentBytes() > configuration.jobMemoryBytes {
                    stop()
                    return .outOfMemory(limitMB: configuration.jobMemoryBytes >> 20)
                }
                if stopRequested() {
                    stopDeadline = stopDeadline ?? Date().addingTimeInterval(stopGrace)
                    if Date() > stopDeadline! {
                        stop()
                        return .interrupted
                    }
                }
            }
        }
    }

    /// Kills the analysis process (if any) and forgets it.
    func stop() {
        guard let process else { return }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
        channel = nil
        pipes = nil
    }

    private func running() throws -> LineChannel {
        if let process, process.isRunning, let channel { return channel }
        stop()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["analysis-process"] + (stubbed ? ["--stub"] : [])
        var environment = ProcessInfo.processInfo.environment
        // glibc reserves 64 MiB of address space per thread arena; a few are plenty here.
        environment["MALLOC_ARENA_MAX"] = "2"
        // Blocks up to 32 MB (glibc's largest threshold) come from the heap, and freed memory is
        // kept for the next job rather than returned: a fresh page costs a fault and its zeroing,
        // a tenth of a 12 MP job's CPU otherwise. The process stays at its largest job's size,
        // which the resident-memory watchdog already bounds.
        environment["MALLOC_MMAP_THRESHOLD_"] = "\(32 << 20)"
        environment["MALLOC_TRIM_THRESHOLD_"] = "\(1 << 30)"
        // A crash must end the process at once: the runtime's symbolicating backtracer can take
        // seconds, during which the job would be neither running nor handed back.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let requests = Pipe()
        let replies = Pipe()
        process.standardInput = requests
        process.standardOutput = replies
        try process.run()
        let channel = LineChannel(input: replies.fileHandleForReading.fileDescriptor,
                                  output: requests.fileHandleForWriting.fileDescriptor)
        self.process = process
        self.channel = channel
        pipes = (requests, replies)
        logger.info("analysis process started", metadata: ["pid": "\(process.processIdentifier)"])
        return channel
    }

    private func reapedStatus() -> String {
        guard let process else { return "ended" }
        process.waitUntilExit()
        let status = process.terminationStatus
        let reason = process.terminationReason == .uncaughtSignal
            ? "was killed by signal \(status)\(status == SIGKILL ? " (out of memory?)" : "")"
            : "exited with status \(status)"
        stop()
        return reason
    }

    private func residentBytes() -> Int {
        guard let process,
              let statm = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/statm", encoding: .utf8) else {
            return 0
        }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
