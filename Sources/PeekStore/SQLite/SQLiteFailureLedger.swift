import GRDB

/// The `failed_attempts` table of a SQLite database.
struct SQLiteFailureLedger: FailureLedger {
    let writer: DatabaseQueue

    func failures(scope: String, key: String, since time: Double) throws(StoreError) -> (count: Int, oldest: Double?) {
        try translatingErrors {
            try writer.inDatabase { db in
                let row = try Row.fetchOne(db, sql: """
                    SELECT COUNT(*) AS count, MIN(at) AS oldest FROM failed_attempts WHERE scope = ? AND key = ? AND at >= ?
                    """, arguments: [scope, key, time])!
                return (row["count"], row["oldest"])
            }
        }
    }

    func recordFailure(scope: String, key: String, at time: Double) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM failed_attempts WHERE at < ?", arguments: [time - 3_600])
                try db.execute(sql: "INSERT INTO failed_attempts (scope, key, at) VALUES (?, ?, ?)",
                               arguments: [scope, key, time])
            }
        }
    }
}
