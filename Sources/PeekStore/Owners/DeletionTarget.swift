/// What a deletion takes away with its images, jobs, renditions and (once nothing names them) blobs.
public enum DeletionTarget: Sendable, Equatable {
    case image(String)
    /// The album, its photos and its share links.
    case album(id: String, ownerID: Int64)
    /// The account and everything it owns.
    case user(Int64)
    /// Anonymous uploads (in no album) made before the time: the retention sweep.
    case anonymousUploads(before: Double)
}
