import Foundation
import PeekCore

/// An advisory `flock` held for the duration of a closure, to serialise work across processes.
enum FileLock {
    static func withExclusiveLock<T>(path: String, _ body: () throws -> T) throws -> T {
        let descriptor = try SystemCall.retrying("open", path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600) }
        defer { close(descriptor) }
        try SystemCall.retrying("flock", path) { flock(descriptor, LOCK_EX) }
        return try body()
    }
}
