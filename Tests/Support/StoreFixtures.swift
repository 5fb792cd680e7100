import Foundation
import PeekStore

/// Runs `body` with a migrated database in a fresh temporary directory; `path` lets the test
/// open more connections to the same file.
public func withDatabase<T>(_ body: (_ database: SQLiteDatabase, _ path: String) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let path = directory.appendingPathComponent("peek.sqlite").path
        return try body(try SQLiteDatabase(path: path), path)
    }
}

/// Runs `body` with a job queue over a fresh database whose clock the test moves by hand.
public func withQueue<T>(leaseSeconds: Double = 30, maxAttempts: Int = 3, maxQueuedPerClient: Int = .max,
                         maxQueued: Int = .max,
                         _ body: (_ queue: SQLiteJobQueue, _ clock: ManualClock) throws -> T) throws -> T {
    try withDatabase { database, _ in
        let clock = ManualClock()
        let policy = QueuePolicy(leaseSeconds: leaseSeconds, maxAttempts: maxAttempts,
                                 maxQueuedPerClient: maxQueuedPerClient, maxQueued: maxQueued)
        let queue = SQLiteJobQueue(database: database, policy: policy, now: { clock.now })
        return try body(queue, clock)
    }
}

