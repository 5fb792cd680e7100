import Foundation

/// The connections one process keeps to its database. A caller takes an idle connection, or a
/// new one when none is left or the idle ones went stale, and gives it back when it is still
/// usable. So a server restart costs no process a restart: while the server is down every call
/// fails as `.databaseUnavailable` (503), and the first call after it is back connects anew.
final class PostgreSQLPool: @unchecked Sendable {
    let settings: PostgreSQLSettings
    /// Idle connections kept beyond this are closed: a FastCGI process needs one, the worker
    /// three (its loop, its heartbeat thread, and the listener, which is not pooled).
    static let maxIdle = 4

    private let lock = NSLock()
    private var idle: [PostgreSQLConnection] = []

    init(settings: PostgreSQLSettings) {
        self.settings = settings
    }

    /// Runs `body` on a connection of the pool; what it throws comes out as a `StoreError`.
    @discardableResult
    func withConnection<T>(_ body: (PostgreSQLConnection) throws -> T) throws(StoreError) -> T {
        try translatingPostgreSQLErrors {
            let connection = try take()
            defer { giveBack(connection) }
            return try body(connection)
        }
    }

    /// Runs `body` in one transaction on a connection of the pool.
    @discardableResult
    func transaction<T>(_ body: (PostgreSQLConnection) throws -> T) throws(StoreError) -> T {
        try withConnection { connection in try connection.transaction { try body(connection) } }
    }

    /// Adds a connection opened elsewhere (the one that ran the migrations).
    func adopt(_ connection: PostgreSQLConnection) {
        giveBack(connection)
    }

    private func take() throws(PostgreSQLError) -> PostgreSQLConnection {
        while let connection = popIdle() {
            if connection.isReusable { return connection }
        }
        return try PostgreSQLConnection(settings: settings)
    }

    private func popIdle() -> PostgreSQLConnection? {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast()
    }

    private func giveBack(_ connection: PostgreSQLConnection) {
        guard connection.isReusable else { return }
        lock.lock()
        defer { lock.unlock() }
        if idle.count < Self.maxIdle { idle.append(connection) }
    }
}
