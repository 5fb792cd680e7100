import Foundation
import PeekStore

/// Takes the database's write lock at most once a second and remembers the answer: the probe is
/// the costliest part of a health check, and a lock held for less than a second is no outage.
final class WriteLockProbe {
    private static let interval: TimeInterval = 1
    private var checkedAt: TimeInterval = -.infinity
    private var failure: StoreError?

    func check(_ database: any DatabaseBackend) throws(StoreError) {
        let now = ProcessInfo.processInfo.systemUptime
        if now - checkedAt >= Self.interval {
            do {
                try database.checkWritable()
                failure = nil
            } catch {
                failure = error
            }
            checkedAt = now
        }
        if let failure { throw failure }
    }
}
