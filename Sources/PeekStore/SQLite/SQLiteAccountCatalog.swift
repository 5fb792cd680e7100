import GRDB

/// The `users`, `sessions` and `api_tokens` tables of a SQLite database.
struct SQLiteAccountCatalog: AccountCatalog {
    let writer: DatabaseQueue

    func createUser(username: String, passwordHash: String, at time: Double) throws(StoreError) -> User {
        try translatingErrors {
            do {
                return try writer.write { db in
                    try db.execute(sql: "INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?)",
                                   arguments: [username, passwordHash, time])
                    return User(id: db.lastInsertedRowID, username: username, createdAt: time)
                }
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError.conflict("the username \(username)")
            }
        }
    }

    func user(named username: String) throws(StoreError) -> (user: User, passwordHash: String)? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username])
                    .map { (Self.user($0), $0["password_hash"]) }
            }
        }
    }

    func users() throws(StoreError) -> [User] {
        try translatingErrors {
            try writer.inDatabase { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY id").map(Self.user) }
        }
    }

    func setPassword(userID: Int64, passwordHash: String) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [passwordHash, userID])
                try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userID])
            }
        }
    }

    func startSession(userID: Int64, tokenHash: String, at time: Double, expiresAt: Double) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                // Expired sessions are forgotten here rather than by a timer.
                try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [time])
                try db.execute(sql: """
                    INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)
                    """, arguments: [tokenHash, userID, time, expiresAt])
            }
        }
    }

    func sessionUser(tokenHash: String, at time: Double) throws(StoreError) -> (user: User, expiresAt: Double)? {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT users.*, sessions.expires_at AS session_expires_at FROM sessions
                    JOIN users ON users.id = sessions.user_id
                    WHERE sessions.token_hash = ? AND sessions.expires_at > ?
                    """), arguments: [tokenHash, time]).map { (Self.user($0), $0["session_expires_at"]) }
            }
        }
    }

    func endSession(tokenHash: String) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
        }
    }

    func createToken(id: String, userID: Int64, name: String, tokenHash: String, at time: Double) throws(StoreError) {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, userID, name, tokenHash, time])
            }
        }
    }

    func tokenUser(tokenHash: String, at time: Double) throws(StoreError) -> User? {
        try translatingErrors {
            try writer.write { db in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ? RETURNING user_id
                    """), arguments: [time, tokenHash]) else { return nil }
                let userID: Int64 = row["user_id"]
                return try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [userID]).map(Self.user)
            }
        }
    }

    func tokens(userID: Int64) throws(StoreError) -> [APIToken] {
        try translatingErrors {
            try writer.inDatabase { db in
                try Row.fetchAll(db, sql: "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at",
                                 arguments: [userID]).map { row in
                    APIToken(id: row["id"], userID: row["user_id"], name: row["name"], createdAt: row["created_at"],
                             lastUsedAt: row["last_used_at"])
                }
            }
        }
    }

    func revokeToken(id: String, userID: Int64) throws(StoreError) -> Bool {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM api_tokens WHERE id = ? AND user_id = ?", arguments: [id, userID])
                return db.changesCount == 1
            }
        }
    }

    private static func user(_ row: Row) -> User {
        User(id: row["id"], username: row["username"], createdAt: row["created_at"])
    }
}
