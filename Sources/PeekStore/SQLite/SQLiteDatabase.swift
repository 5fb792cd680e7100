import Foundation
import GRDB
import PeekCore

/// The SQLite database every process shares: WAL mode, a busy timeout, full sync on commit,
/// and the named migrations applied once even when several processes start together.
public final class SQLiteDatabase: DatabaseBackend {
    public let writer: DatabaseQueue

    /// Opens the database at `path`, creating it (and its folder) when missing: for set-up
    /// (`peek-admin migrate`) and tests. Serving processes use `init(existing:)`.
    public init(path: String, busyTimeout: TimeInterval = 5) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw .databaseUnavailable(reason: "cannot create the folder of \(path): \(error)")
        }
        writer = try Self.open(path: path, busyTimeout: busyTimeout)
    }

    /// Opens the configured database only if it exists: a function or worker never creates an
    /// empty database in place of one that went missing (unmounted disk, moved data directory).
    public init(existing configuration: PeekConfiguration, busyTimeout: TimeInterval? = nil) throws(StoreError) {
        let path = DataDirectory(configuration: configuration).database.path
        guard FileManager.default.fileExists(atPath: path) else { throw .databaseMissing(path: path) }
        writer = try Self.open(path: path, busyTimeout: busyTimeout ?? configuration.busyTimeoutSeconds)
    }

    public var images: any ImageCatalog { SQLiteImageCatalog(writer: writer) }
    public var workers: any WorkerRegistry { SQLiteWorkerRegistry(writer: writer) }
    public var renditions: any RenditionCatalog { SQLiteRenditionCatalog(writer: writer) }
    public var accounts: any AccountCatalog { SQLiteAccountCatalog(writer: writer) }
    public var albums: any AlbumCatalog { SQLiteAlbumCatalog(writer: writer) }
    public var failures: any FailureLedger { SQLiteFailureLedger(writer: writer) }
    public var deletions: any DeletionCatalog { SQLiteDeletionCatalog(writer: writer) }
    public var models: any ModelCatalog { SQLiteModelCatalog(writer: writer) }

    public func modelJobs(_ policy: QueuePolicy) -> any ModelJobQueue {
        SQLiteModelJobQueue(writer: writer, policy: policy)
    }

    public func jobQueue(_ policy: QueuePolicy) -> any JobQueue {
        SQLiteJobQueue(writer: writer, policy: policy)
    }

    public func checkWritable() throws(StoreError) {
        try translatingErrors {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
        }
    }

    private static func open(path: String, busyTimeout: TimeInterval) throws(StoreError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // An upload is answered 202 only after its job is on disk, so commits must survive power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return try translatingErrors {
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
}
