import PeekCore

/// Why the store could not do what was asked; the HTTP layer decides what a client is told.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The database file is gone (unmounted disk, moved data directory); it is never recreated empty.
    case databaseMissing(path: String)
    /// Another process held the write lock past the busy timeout.
    case databaseLocked
    /// The database could not be opened or used; the reason is for the log.
    case databaseUnavailable(reason: String)
    /// A file of the store could not be written or read (permissions, a missing folder, a full disk).
    case storage(SystemError)
    /// The wake-up pipe of the workers could not be made or opened.
    case wakeupPipe(SystemError)
    /// This client already has `limit` uploads waiting for analysis.
    case clientBacklogFull(limit: Int)
    /// `limit` uploads wait in all: the workers are far behind.
    case queueFull(limit: Int)
    /// A blob name that is not a SHA-256 digest: never turned into a path.
    case notADigest(String)
    /// A unique name is taken already (a username).
    case conflict(String)
    /// The S3 blob store did not answer, or answered 5xx, through every retry.
    case blobStoreUnavailable(reason: String)
    /// The S3 blob store refused a request: a wrong key pair (`SignatureDoesNotMatch`,
    /// `InvalidAccessKeyId`), no permission, no such bucket, or a write it did not take whole.
    case blobStoreRefused(status: Int, code: String)

    public var description: String {
        switch self {
        case .databaseMissing(let path): "\(path) does not exist; run peek-admin migrate"
        case .databaseLocked: "the database is locked by another process"
        case .databaseUnavailable(let reason): "the database is not available: \(reason)"
        case .storage(let error): "storage: \(error)"
        case .wakeupPipe(let error): "wake-up pipe: \(error)"
        case .clientBacklogFull(let limit): "the client has \(limit) uploads queued"
        case .queueFull(let limit): "\(limit) uploads are queued"
        case .notADigest(let text): "not a SHA-256 digest: \(text)"
        case .conflict(let what): "\(what) exists already"
        case .blobStoreUnavailable(let reason): "the S3 blob store is not available: \(reason)"
        case .blobStoreRefused(let status, let code) where S3Failure.isCredentialProblem(code):
            "the S3 blob store refused the key pair: \(status) \(code) (check PEEK_S3_ACCESS_KEY_ID and PEEK_S3_SECRET_ACCESS_KEY)"
        case .blobStoreRefused(let status, let code): "the S3 blob store refused the request: \(status) \(code)"
        }
    }
}
