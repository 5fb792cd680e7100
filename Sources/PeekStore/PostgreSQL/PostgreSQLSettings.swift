import Foundation

/// How a process reaches its PostgreSQL database: the `PEEK_DATABASE_URL` and what Peek adds to
/// every connection (values the URL itself sets win).
struct PostgreSQLSettings: Sendable {
    /// A libpq connection URI, `postgresql://user:password@host:port/database?…`.
    var url: String
    /// How long a lock (a row, a blob's advisory lock) is waited for before the statement fails
    /// as `.databaseLocked`: the busy timeout of SQLite.
    var lockTimeoutSeconds: Double
    /// How long opening a connection may take when the server does not answer at all.
    var connectTimeoutSeconds: Int = 5
    /// Shown in `pg_stat_activity`: which program holds a connection.
    var applicationName: String = ProcessInfo.processInfo.processName

    /// The keyword/value pairs of `PQconnectdbParams`; `dbname` comes last and is expanded, so
    /// the URL's own settings override these defaults. Over TCP, keepalives and a user timeout
    /// end a connection to a host that vanished within about half a minute, instead of leaving a
    /// request or the worker blocked for the kernel's quarter of an hour.
    var connectionParameters: [(String, String)] {
        [
            ("connect_timeout", String(max(2, connectTimeoutSeconds))),
            ("keepalives_idle", "10"),
            ("keepalives_interval", "5"),
            ("keepalives_count", "3"),
            ("tcp_user_timeout", "30000"),
            ("application_name", String(applicationName.prefix(63))),
            ("options", "-c lock_timeout=\(max(1, Int((lockTimeoutSeconds * 1000).rounded())))"),
            ("dbname", url),
        ]
    }

    /// The URL without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
