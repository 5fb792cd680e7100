import Foundation
import PeekCore

/// A named pipe that lets an upload wake an idle worker at once, so workers can sleep without
/// polling the database. Losing a signal is harmless: workers also look at the queue on a timer.
public struct WakeupSignal: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Pokes whichever worker is waiting; never blocks and never fails the caller.
    public func notify() {
        let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(descriptor, &byte, 1)
        close(descriptor)
    }

    /// Opens the pipe for a worker to wait on, creating it when missing.
    public func listen() throws(StoreError) -> Listener {
        var status = stat()
        if lstat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFIFO {
            // Anything else at this path would read as "always ready" and make the worker spin.
            unlink(path)
        }
        if mkfifo(path, 0o660) != 0 && errno != EEXIST {
            throw .wakeupPipe(SystemError(operation: "mkfifo", path: path))
        }
        // Read-write keeps a writer open ourselves, so the pipe never reports end-of-file.
        do {
            let descriptor = try SystemCall.retrying("open", path) { open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC) }
            return Listener(descriptor: descriptor)
        } catch {
            throw .wakeupPipe(error)
        }
    }

    /// The worker's end of the pipe.
    public final class Listener {
        let descriptor: Int32

        init(descriptor: Int32) {
            self.descriptor = descriptor
        }

        deinit { close(descriptor) }

        /// Sleeps until a notification arrives or `timeout` passes; true when notified.
        @discardableResult
        public func wait(timeout: Double) -> Bool {
            var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollDescriptor, 1, Int32(timeout * 1000))
            guard ready > 0 else { return false }
            var buffer = [UInt8](repeating: 0, count: 512)
            while read(descriptor, &buffer, buffer.count) > 0 {}
            return true
        }
    }
}
