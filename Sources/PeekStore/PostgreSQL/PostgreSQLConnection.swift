import CPostgreSQL
import Foundation

/// One connection to PostgreSQL through libpq, owned by this object and closed in `deinit`.
///
/// Why libpq and not PostgresNIO: every Peek process is synchronous. A FastCGI handler serves one
/// request at a time on its only thread and the worker runs a plain loop, so a blocking client
/// fits them without an event loop, futures or extra threads, and its socket can be waited on
/// with poll(2) for LISTEN/NOTIFY exactly as the wake-up FIFO is. libpq is PostgreSQL's own
/// client, one Debian package (libpq-dev) and a thin C target, where the NIO stack would add
/// several packages and minutes to every build of every function.
///
/// Not thread-safe: one thread uses it at a time (`PostgreSQLPool` hands it out). Statements
/// are prepared on first use and reused for the life of the connection.
final class PostgreSQLConnection {
    private let handle: OpaquePointer
    private var prepared: [String: String] = [:]

    init(settings: PostgreSQLSettings) throws(PostgreSQLError) {
        let parameters = settings.connectionParameters
        let connection = withCStrings(parameters.map(\.0) + [nil]) { keywords in
            withCStrings(parameters.map(\.1) + [nil]) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let connection else { throw PostgreSQLError(message: "libpq could not allocate a connection", connectionLost: true) }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgreSQLError(message: "cannot connect to \(PostgreSQLSettings.redacted(settings.url)): \(message)",
                                  connectionLost: true)
        }
        handle = connection
        // libpq prints NOTICEs (`relation … already exists, skipping`) to stderr by default.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Runs one statement with `$1…` parameters (prepared once per connection) and returns its rows.
    @discardableResult
    func execute(_ sql: String, _ parameters: [any PostgreSQLBindable] = []) throws(PostgreSQLError) -> PostgreSQLResult {
        let name = try statementName(for: sql)
        let result = withCStrings(parameters.map { $0.postgreSQLText }) { values in
            PQexecPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
        }
        return try checked(result)
    }

    /// Runs SQL text as it is, without parameters; it may hold several statements (migrations).
    @discardableResult
    func run(_ sql: String) throws(PostgreSQLError) -> PostgreSQLResult {
        try checked(PQexec(handle, sql))
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            if PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) != PQTRANS_IDLE {
                _ = try? run("ROLLBACK")
            }
            throw error
        }
        let commit = try run("COMMIT")
        // COMMIT of a transaction a failed statement aborted answers ROLLBACK without an error.
        guard commit.commandStatus == "COMMIT" else {
            throw PostgreSQLError(message: "the transaction was rolled back instead of committed")
        }
        return value
    }

    /// Whether the connection can serve another caller: open, outside any transaction, and with
    /// nothing to read. An idle connection that became readable was told something by the
    /// server, in practice that it is shutting down or that this session was terminated.
    var isReusable: Bool {
        guard PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }

    // MARK: Notifications

    /// The socket libpq talks on, for poll(2).
    var socket: Int32 { PQsocket(handle) }

    /// Reads what the server sent without blocking; false when the connection is lost.
    func consumeInput() -> Bool {
        PQconsumeInput(handle) == 1 && PQstatus(handle) == CONNECTION_OK
    }

    /// Takes every notification already read; true when there was at least one.
    func drainNotifications() -> Bool {
        var any = false
        while let notification = PQnotifies(handle) {
            PQfreemem(notification)
            any = true
        }
        return any
    }

    // MARK: Internals

    private func statementName(for sql: String) throws(PostgreSQLError) -> String {
        if let name = prepared[sql] { return name }
        let name = "peek_\(prepared.count)"
        _ = try checked(PQprepare(handle, name, sql, 0, nil))
        prepared[sql] = name
        return name
    }

    private func checked(_ result: OpaquePointer?) throws(PostgreSQLError) -> PostgreSQLResult {
        guard let result else {
            throw PostgreSQLError(message: Self.trimmed(PQerrorMessage(handle)), connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
        let wrapped = PostgreSQLResult(handle: result)
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return wrapped
        default:
            let sqlState = PQresultErrorField(result, cpostgresql_diag_sqlstate).map { String(cString: $0) }
            let primary = PQresultErrorField(result, cpostgresql_diag_message_primary).map { String(cString: $0) }
            let message = primary ?? Self.trimmed(PQerrorMessage(handle))
            let lost = PQstatus(handle) != CONNECTION_OK || PostgreSQLError.endsSession(sqlState)
            throw PostgreSQLError(sqlState: sqlState, message: message.isEmpty ? "PostgreSQL reported an error" : message,
                                  connectionLost: lost)
        }
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    }
}

/// Hands `body` C copies of `strings` (nil stays NULL), freed when it returns.
private func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { string in string.flatMap { strdup($0) } }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
