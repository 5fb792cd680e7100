/// Accounts, their login sessions and their API tokens. Tokens are looked up by their SHA-256;
/// the tokens themselves are never stored.
public protocol AccountCatalog: Sendable {
    /// Throws `.conflict` when the name is taken (names compare without case).
    func createUser(username: String, passwordHash: String, at time: Double) throws(StoreError) -> User
    func user(named username: String) throws(StoreError) -> (user: User, passwordHash: String)?
    func users() throws(StoreError) -> [User]
    /// Sets a new password and ends every session of the account (its API tokens stay).
    func setPassword(userID: Int64, passwordHash: String) throws(StoreError)

    func startSession(userID: Int64, tokenHash: String, at time: Double, expiresAt: Double) throws(StoreError)
    /// The user of a session that has not expired at `time`, and when it expires.
    func sessionUser(tokenHash: String, at time: Double) throws(StoreError) -> (user: User, expiresAt: Double)?
    func endSession(tokenHash: String) throws(StoreError)

    func createToken(id: String, userID: Int64, name: String, tokenHash: String, at time: Double) throws(StoreError)
    /// The user of an API token, noting when it was last used.
    func tokenUser(tokenHash: String, at time: Double) throws(StoreError) -> User?
    func tokens(userID: Int64) throws(StoreError) -> [APIToken]
    /// False when the user has no token with that id.
    func revokeToken(id: String, userID: Int64) throws(StoreError) -> Bool
}
