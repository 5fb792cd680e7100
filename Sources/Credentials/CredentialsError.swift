/// Why a credential could not be made.
public enum CredentialsError: Error, Sendable {
    /// libsodium could not initialise (no entropy source).
    case libraryUnavailable
    /// Argon2id could not allocate its memory.
    case hashingFailed
}
