/// The `failed_attempts` table of a PostgreSQL database.
struct PostgreSQLFailureLedger: FailureLedger {
    let pool: PostgreSQLPool

    func failures(scope: String, key: String, since time: Double) throws(StoreError) -> (count: Int, oldest: Double?) {
        try pool.withConnection { connection in
            let row = try connection.execute("""
                SELECT COUNT(*) AS count, MIN(at) AS oldest FROM failed_attempts WHERE scope = $1 AND key = $2 AND at >= $3
                """, [scope, key, time]).first!
            return (row["count"], row["oldest"])
        }
    }

    /// Forgets failures older than an hour and records this one, in one statement.
    func recordFailure(scope: String, key: String, at time: Double) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("""
                WITH forgotten AS (DELETE FROM failed_attempts WHERE at < $3::double precision - 3600)
                INSERT INTO failed_attempts (scope, key, at) VALUES ($1, $2, $3)
                """, [scope, key, time])
        }
    }
}
