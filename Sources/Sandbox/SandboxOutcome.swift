/// How a sandboxed process ended, and what it said.
public struct SandboxOutcome: Sendable {
    /// Why the worker stopped it, when it did.
    public enum Stop: Sendable, Equatable {
        case timedOut(seconds: Double)
        case outputTooLarge(limitBytes: Int)
        case tooManyOutputFiles(limit: Int)
        case workerStopping
    }

    /// The exit status, or the signal that ended it (negative).
    public let status: Int32
    public let stop: Stop?
    /// The last `logBytes` of stdout and stderr.
    public let log: String
    /// The lines the runner wrote on its channel (fd 3), at most `SandboxProcess.channelLimit` bytes.
    public let channel: [String]
    public let milliseconds: Int
    /// Whether the log was cut to its last part.
    public let logTruncated: Bool

    public var succeeded: Bool { stop == nil && status == 0 }
}
