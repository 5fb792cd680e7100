import PeekCore

/// What a sandboxed process may use (SPEC §11): wall-clock time, memory (address space per
/// process), processes, the output folder's size and file count, and the log kept of it.
public struct SandboxLimits: Sendable, Equatable {
    public var seconds: Double
    public var memoryBytes: Int
    public var processes: Int
    public var outputBytes: Int
    public var outputFiles: Int
    /// The last part of stdout and stderr kept.
    public var logBytes: Int
    /// The private /tmp of the sandbox (memory that no rlimit counts, so it is small).
    public var temporaryBytes: Int

    public init(seconds: Double, memoryBytes: Int, processes: Int, outputBytes: Int, outputFiles: Int,
                logBytes: Int = 64 * 1024, temporaryBytes: Int = 16 << 20) {
        self.seconds = seconds
        self.memoryBytes = memoryBytes
        self.processes = processes
        self.outputBytes = outputBytes
        self.outputFiles = outputFiles
        self.logBytes = logBytes
        self.temporaryBytes = temporaryBytes
    }

    /// The limits of a run (and of a build's smoke run), from `PEEK_MODEL_*`.
    public static func run(_ configuration: PeekConfiguration) -> SandboxLimits {
        SandboxLimits(seconds: configuration.modelRunSeconds, memoryBytes: configuration.modelMemoryBytes,
                      processes: configuration.modelProcesses, outputBytes: configuration.modelOutputBytes,
                      outputFiles: configuration.modelOutputFiles)
    }

    /// The limits of a build's pip install: its own time limit, a large log, no output folder.
    public static func build(_ configuration: PeekConfiguration) -> SandboxLimits {
        SandboxLimits(seconds: configuration.modelBuildSeconds, memoryBytes: configuration.modelMemoryBytes,
                      processes: configuration.modelProcesses, outputBytes: 0, outputFiles: 0, logBytes: 256 * 1024,
                      temporaryBytes: 256 << 20)
    }
}
