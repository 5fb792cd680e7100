import Foundation

/// A clock for `JobQueue(now:)` that only moves when the test says so.
public final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double

    public init(_ start: Double = 1_000_000) {
        time = start
    }

    public var now: Double {
        lock.lock(); defer { lock.unlock() }
        return time
    }

    public func advance(by seconds: Double) {
        lock.lock(); defer { lock.unlock() }
        time += seconds
    }
}

