import Foundation
import GRDB

/// The SQLite database every process shares: WAL mode, a busy timeout, full sync on commit,
/// and the named migrations applied once even when several processes start together.
public final class PeekDatabase {
    public let writer: DatabaseQueue

    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // An upload is answered 202 only after its job is on disk, so commits must survive power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        writer = try DatabaseQueue(path: path, configuration: configuration)
        try FileLock.withExclusiveLock(path: path + ".migrate.lock") {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try Migrations.migrator.migrate(writer)
        }
    }

    public convenience init(configuration: PeekConfiguration) throws {
        try self.init(path: configuration.databaseURL.path)
    }
}
