import PeekStore

/// Who sent a request: nobody in particular, or an owner and how they proved it.
public enum Caller: Sendable {
    case anonymous
    case owner(User, Credential)

    /// How an owner proved who they are.
    public enum Credential: Sendable {
        /// The session cookie; the session's token, from which its CSRF token is derived.
        case session(token: String, expiresAt: Double)
        case apiToken
    }

    public var user: User? {
        if case .owner(let user, _) = self { return user }
        return nil
    }
}
