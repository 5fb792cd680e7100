import CSodium

/// libsodium's one-time initialisation, done before any of its functions is used.
enum Sodium {
    private static let initialised: Bool = sodium_init() >= 0

    static func ready() throws(CredentialsError) {
        guard initialised else { throw .libraryUnavailable }
    }
}
