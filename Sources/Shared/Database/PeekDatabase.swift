import Foundation
import GRDB

/// The SQLite database every process shares: WAL mode, a busy timeout, full sync on commit,
/// and the named migrations applied once even when several processes start together.
public final class PeekDatabase {
    public let writer: DatabaseQueue

    /// Opens the database at `path`, creating it (and its folder) when missing: for set-up
    /// (`peek-admin migrate`) and tests. Serving processes use `init(existing:)`.
    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        writer = try Self.open(path: path, busyTimeout: busyTimeout)
    }

    /// Opens the configured database only if it exists: a function or worker never creates an
    /// empty database in place of one that went missing (unmounted disk, moved data directory).
    public init(existing configuration: PeekConfiguration, busyTimeout: TimeInterval? = nil) throws {
        let path = configuration.databaseURL.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw PeekError.unavailable("the database is missing", detail: "\(path) does not exist; run peek-admin migrate")
        }
        writer = try Self.open(path: path, busyTimeout: busyTimeout ?? configuration.busyTimeoutSeconds)
    }

    /// Takes and releases the write lock: fails when another process holds it past the busy timeout.
    public func checkWritable() throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "ROLLBACK")
        }
    }

    private static func open(path: String, busyTimeout: TimeInterval) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // An upload is answered 202 only after its job is on disk, so commits must survive power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let writer = try DatabaseQueue(path: path, configuration: configuration)
        try FileLock.withExclusiveLock(path: path + ".migrate.lock") {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try Migrations.migrator.migrate(writer)
        }
        return writer
    }
}
