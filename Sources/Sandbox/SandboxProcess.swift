import CSpawn
import Foundation
import PeekCore

/// Runs one `SandboxInvocation` and watches it: its log (stdout and stderr, the last part kept),
/// the runner's channel (fd 3), the wall-clock limit and, while it runs, the output folder's size
/// and file count. A process that oversteps is killed with everything it started (bwrap dies,
/// and with it the sandbox's pid namespace).
public struct SandboxProcess {
    /// The most the runner's channel may carry (its result document included).
    public static let channelLimit = 1 << 20
    static let pollMilliseconds: Int32 = 20
    /// How often the output folder is measured while the process runs.
    static let outputCheckSeconds = 0.05

    public let invocation: SandboxInvocation
    /// The host folder behind the sandbox's output folder, measured while it runs; nil for none.
    public let outputFolder: URL?

    public init(invocation: SandboxInvocation, outputFolder: URL?) {
        self.invocation = invocation
        self.outputFolder = outputFolder
    }

    /// Runs to the end; `onLog` sees the log as it arrives (a build streams it into `build_log`),
    /// `stopRequested` is asked between polls (the worker is stopping).
    public func run(onLog: (String) -> Void = { _ in }, stopRequested: () -> Bool = { false }) throws(SandboxError) -> SandboxOutcome {
        let started = ContinuousClock.now
        let log = try SpawnPipe()
        let channel = try SpawnPipe()
        let pid = try spawn(log: log.write, channel: channel.write)
        log.closeWrite()
        channel.closeWrite()
        var logBuffer = BoundedText(limit: invocation.limits.logBytes)
        var channelBytes: [UInt8] = []
        var stop: SandboxOutcome.Stop?
        var status: Int32?
        let deadline = started + .milliseconds(Int(invocation.limits.seconds * 1000))
        var nextOutputCheck = started
        while status == nil {
            let chunk = Self.readAvailable([log.read, channel.read], timeout: Self.pollMilliseconds)
            if !chunk[0].isEmpty {
                logBuffer.append(chunk[0])
                onLog(String(decoding: chunk[0], as: UTF8.self))
            }
            if channelBytes.count < Self.channelLimit { channelBytes += chunk[1].prefix(Self.channelLimit - channelBytes.count) }
            status = Self.reaped(pid)
            guard status == nil, stop == nil else { continue }
            let now = ContinuousClock.now
            if now > deadline {
                stop = .timedOut(seconds: invocation.limits.seconds)
            } else if stopRequested() {
                stop = .workerStopping
            } else if let outputFolder, now >= nextOutputCheck {
                nextOutputCheck = now + .milliseconds(Int(Self.outputCheckSeconds * 1000))
                stop = OutputFolder(url: outputFolder).overstep(maxBytes: invocation.limits.outputBytes,
                                                                maxFiles: invocation.limits.outputFiles)
            }
            if stop != nil { kill(pid, SIGKILL) }
        }
        // What the pipes still hold; the sandbox's other processes died with it, so this ends.
        while true {
            let chunk = Self.readAvailable([log.read, channel.read], timeout: 0)
            if chunk[0].isEmpty && chunk[1].isEmpty { break }
            logBuffer.append(chunk[0])
            if !chunk[0].isEmpty { onLog(String(decoding: chunk[0], as: UTF8.self)) }
            if channelBytes.count < Self.channelLimit { channelBytes += chunk[1].prefix(Self.channelLimit - channelBytes.count) }
        }
        log.closeRead()
        channel.closeRead()
        let lines = String(decoding: channelBytes, as: UTF8.self).split(separator: "\n").map(String.init)
        let elapsed = ContinuousClock.now - started
        return SandboxOutcome(status: status ?? -SIGKILL, stop: stop, log: logBuffer.text, channel: lines,
                              milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
                              logTruncated: logBuffer.truncated)
    }

    /// The exit status (negative: the signal) once the process ended, nil while it runs.
    private static func reaped(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result < 0 && errno != EINTR ? -SIGKILL : nil }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : -signal
    }

    /// Reads what each descriptor has within `timeout` milliseconds (poll), at most 64 KiB each.
    private static func readAvailable(_ descriptors: [Int32], timeout: Int32) -> [[UInt8]] {
        var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&polled, nfds_t(polled.count), timeout) > 0 else { return descriptors.map { _ in [] } }
        return polled.map { entry in
            guard entry.revents & Int16(POLLIN | POLLHUP) != 0 else { return [] }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(entry.fd, $0.baseAddress, $0.count) }
            return count > 0 ? Array(buffer[..<count]) : []
        }
    }

    /// posix_spawn with stdin from /dev/null, stdout and stderr into `log`, fd 3 the runner's
    /// channel, and every other descriptor of the worker closed (its database, sockets, FIFO).
    private func spawn(log: Int32, channel: Int32) throws(SandboxError) -> pid_t {
        let arguments = invocation.arguments()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, log, 1)
        posix_spawn_file_actions_adddup2(&actions, log, 2)
        posix_spawn_file_actions_adddup2(&actions, channel, 3)
        peek_spawn_add_close_from(&actions, 4)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Signals the worker ignores (SIGPIPE) or blocks are not passed on.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var environment: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), nil]
        defer { environment.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &actions, &attributes, &cArguments, &environment)
        guard code == 0 else { throw .spawn(program: arguments[0], code: code) }
        return pid
    }
}
