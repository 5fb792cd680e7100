import Foundation
import PeekCore

/// Opens the database on first use and again whenever it is not usable, so a function started
/// while the disk was unavailable, or whose database file was moved away and back, recovers by
/// itself instead of needing a restart. With `PEEK_DATABASE_URL` the database is PostgreSQL,
/// whose connections reopen by themselves once it has been opened.
public final class DatabaseProvider {
    private let configuration: PeekConfiguration
    /// Computed once: building the URL is measurable on a path that runs thousands of times a second.
    private let path: String
    private let busyTimeout: TimeInterval?
    private var database: (any DatabaseBackend)?
    private var identity: FileIdentity?

    public init(configuration: PeekConfiguration, busyTimeout: TimeInterval? = nil) {
        self.configuration = configuration
        self.path = DataDirectory(configuration: configuration).database.path
        self.busyTimeout = busyTimeout
    }

    /// The open database, or the reason it cannot be opened.
    public func get() throws(StoreError) -> any DatabaseBackend {
        if configuration.databaseURL != nil {
            if let database { return database }
            let opened = try Self.open(configuration, busyTimeout: busyTimeout)
            database = opened
            return opened
        }
        let current = FileIdentity(path: path)
        if let database, current != nil, current == identity { return database }
        database = nil
        let opened = try SQLiteDatabase(existing: configuration, busyTimeout: busyTimeout)
        database = opened
        identity = FileIdentity(path: path)
        return opened
    }

    /// Opens the configured database as a serving process does: PostgreSQL when
    /// `PEEK_DATABASE_URL` names one, else the data directory's SQLite file, which must exist.
    public static func open(_ configuration: PeekConfiguration,
                            busyTimeout: TimeInterval? = nil) throws(StoreError) -> any DatabaseBackend {
        if let database = try PostgreSQLDatabase(configuration: configuration, busyTimeout: busyTimeout) {
            return database
        }
        return try SQLiteDatabase(existing: configuration, busyTimeout: busyTimeout)
    }
}

/// Device and inode of a file: tells whether a path still names the file that was opened.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
