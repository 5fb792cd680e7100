import Foundation
import PeekCore

/// Every table of Peek in a PostgreSQL database (`PEEK_DATABASE_URL=postgresql://…`), for an
/// installation that outgrew one machine. Same catalogs, same semantics as `SQLiteDatabase`;
/// the connections reopen by themselves after the server restarts.
public final class PostgreSQLDatabase: DatabaseBackend {
    let pool: PostgreSQLPool

    /// Connects and applies the migrations the database lacks (once, even when several processes
    /// start together). The database itself must exist (`createdb`); it is never created here.
    /// `busyTimeout`: how long a statement waits for a lock before failing as `.databaseLocked`.
    public init(url: String, busyTimeout: TimeInterval = 5) throws(StoreError) {
        pool = PostgreSQLPool(settings: PostgreSQLSettings(url: url, lockTimeoutSeconds: busyTimeout))
        try translatingPostgreSQLErrors {
            let connection = try PostgreSQLConnection(settings: pool.settings)
            try PostgreSQLMigrations.migrate(connection)
            pool.adopt(connection)
        }
    }

    /// The database `PEEK_DATABASE_URL` names; nil when the configuration keeps SQLite.
    public convenience init?(configuration: PeekConfiguration, busyTimeout: TimeInterval? = nil) throws(StoreError) {
        guard let url = configuration.databaseURL else { return nil }
        try self.init(url: url, busyTimeout: busyTimeout ?? configuration.busyTimeoutSeconds)
    }

    public var images: any ImageCatalog { PostgreSQLImageCatalog(pool: pool) }
    public var workers: any WorkerRegistry { PostgreSQLWorkerRegistry(pool: pool) }
    public var renditions: any RenditionCatalog { PostgreSQLRenditionCatalog(pool: pool) }
    public var accounts: any AccountCatalog { PostgreSQLAccountCatalog(pool: pool) }
    public var albums: any AlbumCatalog { PostgreSQLAlbumCatalog(pool: pool) }
    public var failures: any FailureLedger { PostgreSQLFailureLedger(pool: pool) }
    public var deletions: any DeletionCatalog { PostgreSQLDeletionCatalog(pool: pool) }
    public var models: any ModelCatalog { PostgreSQLModelCatalog(pool: pool) }

    public func modelJobs(_ policy: QueuePolicy) -> any ModelJobQueue {
        PostgreSQLModelJobQueue(pool: pool, policy: policy)
    }

    public func jobQueue(_ policy: QueuePolicy) -> any JobQueue {
        PostgreSQLJobQueue(pool: pool, policy: policy)
    }

    /// A server that takes no writes (a standby in recovery, a read-only default) is unavailable.
    public func checkWritable() throws(StoreError) {
        let readOnly = try pool.withConnection { connection -> Bool in
            try connection.execute("""
                SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' AS read_only
                """).first!["read_only"]
        }
        if readOnly { throw .databaseUnavailable(reason: "the PostgreSQL server accepts no writes (read-only or in recovery)") }
    }

    /// LISTEN/NOTIFY: every enqueue notifies, whichever host it ran on.
    public func wakeups(local: WakeupSignal) -> any WakeupChannel {
        PostgreSQLWakeupChannel(settings: pool.settings, local: local)
    }
}

extension PostgreSQLDatabase {
    /// `url` with its password masked, for messages.
    public static func redacted(_ url: String) -> String {
        PostgreSQLSettings.redacted(url)
    }
}
