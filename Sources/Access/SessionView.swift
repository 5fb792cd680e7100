import Credentials
import PeekCore
import PeekStore

/// Who is logged in, as `POST /api/session` and `GET /api/session` answer it.
public struct SessionView: Encodable {
    public struct UserView: Encodable {
        let id: Int64
        let username: String
    }

    let user: UserView
    @EncodedAsNull var csrfToken: String?
    @EncodedAsNull var expiresAt: String?

    enum CodingKeys: String, CodingKey {
        case user
        case csrfToken = "csrf_token"
        case expiresAt = "expires_at"
    }

    /// The CSRF token only where a cookie is the credential (Bearer requests need none).
    public init(user: User, session: (token: String, expiresAt: Double)?) {
        self.user = UserView(id: user.id, username: user.username)
        csrfToken = session.map { SecretToken(text: $0.token).csrfToken }
        expiresAt = session.map { Timestamp.string($0.expiresAt) }
    }
}
