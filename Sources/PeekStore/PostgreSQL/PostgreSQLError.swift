import CPostgreSQL

/// What libpq or the server reported: the server's SQLSTATE code when it sent one, its primary
/// message (bound values, which a DETAIL line may quote, stay out), and whether the connection
/// itself is gone, in which case it is dropped and the next use opens a new one.
struct PostgreSQLError: Error, CustomStringConvertible {
    let sqlState: String?
    let message: String
    let connectionLost: Bool

    init(sqlState: String? = nil, message: String, connectionLost: Bool = false) {
        self.sqlState = sqlState
        self.message = message
        self.connectionLost = connectionLost
    }

    var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }

    static let uniqueViolation = "23505"

    /// The store's error for it. A lost or refused connection or a server shutting down is an
    /// unavailable database; a lock not granted within `lock_timeout` (the busy timeout), a
    /// deadlock or a serialization failure is a locked one, as SQLITE_BUSY is with SQLite.
    var storeError: StoreError {
        if connectionLost { return .databaseUnavailable(reason: description) }
        switch sqlState {
        case "55P03", "40P01", "40001": return .databaseLocked
        default: return .databaseUnavailable(reason: description)
        }
    }

    /// Class 08 (connection exception) and the shutdown codes of class 57 mean the session is over.
    static func endsSession(_ sqlState: String?) -> Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}

/// Runs work on PostgreSQL connections and turns what it throws into the store's own error.
func translatingPostgreSQLErrors<T>(_ body: () throws -> T) throws(StoreError) -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw error
    } catch let error as PostgreSQLError {
        throw error.storeError
    } catch {
        throw .databaseUnavailable(reason: "\(error)")
    }
}
