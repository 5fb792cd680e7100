import Foundation

/// Milliseconds per stage of one analysis: from the previous mark, or from a start of its own.
final class StageClock: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ContinuousClock.now
    private var recorded: [String: Int] = [:]

    func mark(_ stage: String) {
        let now = ContinuousClock.now
        lock.lock()
        recorded[stage] = Self.milliseconds(now - last)
        last = now
        lock.unlock()
    }

    func record(_ stage: String, since start: ContinuousClock.Instant) {
        let elapsed = Self.milliseconds(ContinuousClock.now - start)
        lock.lock()
        recorded[stage] = elapsed
        lock.unlock()
    }

    var stages: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
