import Foundation
import PeekCore

/// A pipe whose ends live above the standard descriptors and close on exec (the child gets
/// only the copies posix_spawn makes).
final class SpawnPipe {
    private(set) var read: Int32
    private(set) var write: Int32

    init() throws(SandboxError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .system(SystemError(operation: "pipe", path: "sandbox")) }
        // Above fd 3, so that dup2 onto 1, 2 and 3 in the child never meets one of these.
        read = fcntl(ends[0], F_DUPFD_CLOEXEC, 10)
        write = fcntl(ends[1], F_DUPFD_CLOEXEC, 10)
        close(ends[0])
        close(ends[1])
        _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
    }

    func closeWrite() {
        if write >= 0 { close(write) }
        write = -1
    }

    func closeRead() {
        if read >= 0 { close(read) }
        read = -1
    }

    deinit {
        closeWrite()
        closeRead()
    }
}
