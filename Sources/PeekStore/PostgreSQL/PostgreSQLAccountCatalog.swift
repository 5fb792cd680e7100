/// The `users`, `sessions` and `api_tokens` tables of a PostgreSQL database. Changes SQLite makes
/// in one write transaction of two statements are one statement here (a data-modifying WITH).
struct PostgreSQLAccountCatalog: AccountCatalog {
    let pool: PostgreSQLPool

    private static let userColumns = "users.id, users.username, users.created_at"

    func createUser(username: String, passwordHash: String, at time: Double) throws(StoreError) -> User {
        try pool.withConnection { connection in
            do {
                let id: Int64 = try connection.execute("""
                    INSERT INTO users (username, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id
                    """, [username, passwordHash, time]).first!["id"]
                return User(id: id, username: username, createdAt: time)
            } catch let error as PostgreSQLError where error.sqlState == PostgreSQLError.uniqueViolation {
                throw StoreError.conflict("the username \(username)")
            }
        }
    }

    func user(named username: String) throws(StoreError) -> (user: User, passwordHash: String)? {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(Self.userColumns), users.password_hash FROM users WHERE lower(username) = lower($1)
                """, [username]).first.map { (Self.user($0), $0["password_hash"]) }
        }
    }

    func users() throws(StoreError) -> [User] {
        try pool.withConnection { connection in
            try connection.execute("SELECT \(Self.userColumns) FROM users ORDER BY id").rows.map(Self.user)
        }
    }

    func setPassword(userID: Int64, passwordHash: String) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("""
                WITH changed AS (UPDATE users SET password_hash = $2 WHERE id = $1)
                DELETE FROM sessions WHERE user_id = $1
                """, [userID, passwordHash])
        }
    }

    func startSession(userID: Int64, tokenHash: String, at time: Double, expiresAt: Double) throws(StoreError) {
        try pool.withConnection { connection in
            // Expired sessions are forgotten here rather than by a timer.
            try connection.execute("""
                WITH expired AS (DELETE FROM sessions WHERE expires_at < $3)
                INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)
                """, [tokenHash, userID, time, expiresAt])
        }
    }

    func sessionUser(tokenHash: String, at time: Double) throws(StoreError) -> (user: User, expiresAt: Double)? {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT \(Self.userColumns), sessions.expires_at AS session_expires_at FROM sessions
                JOIN users ON users.id = sessions.user_id
                WHERE sessions.token_hash = $1 AND sessions.expires_at > $2
                """, [tokenHash, time]).first.map { (Self.user($0), $0["session_expires_at"]) }
        }
    }

    func endSession(tokenHash: String) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("DELETE FROM sessions WHERE token_hash = $1", [tokenHash])
        }
    }

    func createToken(id: String, userID: Int64, name: String, tokenHash: String, at time: Double) throws(StoreError) {
        try pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)
                """, [id, userID, name, tokenHash, time])
        }
    }

    func tokenUser(tokenHash: String, at time: Double) throws(StoreError) -> User? {
        try pool.withConnection { connection in
            try connection.execute("""
                WITH used AS (UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 RETURNING user_id)
                SELECT \(Self.userColumns) FROM users JOIN used ON users.id = used.user_id
                """, [time, tokenHash]).first.map(Self.user)
        }
    }

    func tokens(userID: Int64) throws(StoreError) -> [APIToken] {
        try pool.withConnection { connection in
            try connection.execute("""
                SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id
                """, [userID]).rows.map { row in
                APIToken(id: row["id"], userID: row["user_id"], name: row["name"], createdAt: row["created_at"],
                         lastUsedAt: row["last_used_at"])
            }
        }
    }

    func revokeToken(id: String, userID: Int64) throws(StoreError) -> Bool {
        try pool.withConnection { connection in
            try connection.execute("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2", [id, userID]).affectedRows == 1
        }
    }

    private static func user(_ row: PostgreSQLRow) -> User {
        User(id: row["id"], username: row["username"], createdAt: row["created_at"])
    }
}
