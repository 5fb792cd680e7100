import Foundation

/// Idle libcurl handles of this process, reused so that requests keep their connections to the
/// server; a handle is used by one thread at a time (the worker stores its outputs in parallel).
final class CurlHandlePool: @unchecked Sendable {
    static let shared = CurlHandlePool()

    private let lock = NSLock()
    private var idle: [CurlTransfer] = []

    func with<T>(_ body: (CurlTransfer) throws(CurlTransfer.Failure) -> T) throws(CurlTransfer.Failure) -> T {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        let transfer: CurlTransfer
        if let reused { transfer = reused } else { transfer = try CurlTransfer() }
        defer {
            lock.lock()
            if idle.count < 8 { idle.append(transfer) }
            lock.unlock()
        }
        return try body(transfer)
    }
}
