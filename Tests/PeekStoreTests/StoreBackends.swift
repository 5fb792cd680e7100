import Foundation
import PeekTestSupport
import Testing
@testable import PeekStore

/// The database engines the store's behaviour tests run on: SQLite always, PostgreSQL wherever
/// its server binaries are installed (then on a server the tests start themselves).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql

    static let available: [Backend] = PostgreSQLTestServer.binaries == nil ? [.sqlite] : allCases

    var testDescription: String { rawValue }
}

/// A fresh, migrated database of one backend.
struct TestDatabase {
    let backend: Backend
    let database: any DatabaseBackend
    /// Opens the same database again, with connections of its own, as another process would.
    let reopen: @Sendable () throws -> any DatabaseBackend
    fileprivate let makeQueue: (QueuePolicy, @escaping @Sendable () -> Double) -> any JobQueue

    /// A job queue over this database whose clock the test may set.
    func queue(_ policy: QueuePolicy, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) -> any JobQueue {
        makeQueue(policy, now)
    }
}

/// Runs `body` with an empty, migrated database of `backend`, removed afterwards.
func withBackend<T>(_ backend: Backend, _ body: (_ database: any DatabaseBackend, _ fixture: TestDatabase) throws -> T) throws -> T {
    switch backend {
    case .sqlite:
        return try withDatabase { database, path in
            let fixture = TestDatabase(backend: backend, database: database, reopen: { try SQLiteDatabase(path: path) },
                                       makeQueue: { SQLiteJobQueue(database: database, policy: $0, now: $1) })
            return try body(database, fixture)
        }
    case .postgresql:
        let server = try PostgreSQLTestServer.shared.get()
        let url = try server.createDatabase()
        defer { server.dropDatabase(url) }
        let database = try PostgreSQLDatabase(url: url)
        let fixture = TestDatabase(backend: backend, database: database, reopen: { try PostgreSQLDatabase(url: url) },
                                   makeQueue: { PostgreSQLJobQueue(database: database, policy: $0, now: $1) })
        return try body(database, fixture)
    }
}

/// Runs `body` with a job queue over a fresh database of `backend` whose clock the test moves by hand.
func withBackendQueue<T>(_ backend: Backend, leaseSeconds: Double = 30, maxAttempts: Int = 3,
                         maxQueuedPerClient: Int = .max, maxQueued: Int = .max,
                         _ body: (_ queue: any JobQueue, _ clock: ManualClock, _ database: any DatabaseBackend) throws -> T)
    throws -> T {
    try withBackend(backend) { database, fixture in
        let clock = ManualClock()
        let policy = QueuePolicy(leaseSeconds: leaseSeconds, maxAttempts: maxAttempts,
                                 maxQueuedPerClient: maxQueuedPerClient, maxQueued: maxQueued)
        return try body(fixture.queue(policy, now: { clock.now }), clock, database)
    }
}

/// The queue policy the catalog tests use when they only need jobs to exist.
let testPolicy = QueuePolicy(leaseSeconds: 30, maxAttempts: 3)
