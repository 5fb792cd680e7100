/// A job a worker holds under a lease, with what it needs to analyse the image.
public struct ClaimedJob: Sendable, Equatable {
    public let id: Int64
    public let imageID: String
    public let blobSHA256: String
    /// 1 for the first try; counts claims, so a worker that died mid-job used one up.
    public let attempt: Int
    public let owner: String
}
