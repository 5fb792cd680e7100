import Foundation

/// A value shared between threads behind a lock.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    public init(_ value: Value) {
        stored = value
    }

    public var value: Value {
        lock.lock(); defer { lock.unlock() }
        return stored
    }

    public func mutate(_ change: (inout Value) -> Void) {
        lock.lock(); defer { lock.unlock() }
        change(&stored)
    }
}

/// Runs `body` on `count` dedicated threads released at the same moment, waits for all of them
/// and rethrows the first error any of them threw.
public func runOnThreads(_ count: Int, _ body: @escaping @Sendable (_ index: Int) throws -> Void) throws {
    let start = DispatchSemaphore(value: 0)
    let finished = DispatchGroup()
    let errors = Locked<[Error]>([])
    for index in 0..<count {
        finished.enter()
        let thread = Thread {
            start.wait()
            do { try body(index) } catch { errors.mutate { $0.append(error) } }
            finished.leave()
        }
        thread.start()
    }
    for _ in 0..<count { start.signal() }
    finished.wait()
    if let first = errors.value.first { throw first }
}

