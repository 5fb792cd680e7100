import Foundation

/// An advisory `flock` held for the duration of a closure, to serialise work across processes.
enum FileLock {
    static func withExclusiveLock<T>(path: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PeekError.unavailable("the database is not available", detail: "open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw PeekError.unavailable("the database is not available", detail: "flock \(path): \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }
}
