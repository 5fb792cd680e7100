/// What a database holds, read in one snapshot for `peek-admin check` and `copy-database`: its
/// migrations, rows per table, the states of images and jobs, and the blobs its rows name.
public struct DatabaseInventory: Sendable, Equatable {
    /// Applied migrations, in the order they were applied.
    public var migrations: [String] = []
    public var rows: [String: Int] = [:]
    public var imagesByStatus: [String: Int] = [:]
    public var jobsByState: [String: Int] = [:]
    /// Digests of the originals, annotated copies and renditions the rows name.
    public var referencedBlobs: Set<String> = []

    public init() {}

    /// The digests every row names, in SQL both engines read (tables of older schemas that a
    /// backup may lack are left out by the caller).
    static func referencedBlobsQuery(renditions: Bool) -> String {
        """
        SELECT blob_sha256 FROM images
        UNION SELECT annotated_sha256 FROM images WHERE annotated_sha256 IS NOT NULL
        \(renditions ? "UNION SELECT blob_sha256 FROM renditions" : "")
        """
    }
}
