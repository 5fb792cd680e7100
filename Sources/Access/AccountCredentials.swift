/// The `{"username","password"}` body of a registration and of a login.
public struct AccountCredentials: Decodable, Sendable {
    public let username: String
    public let password: String
}
