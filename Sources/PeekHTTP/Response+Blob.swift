extension Response {
    /// nginx's internal location that maps onto the blob folder.
    static let blobLocation = "/_blobs/"

    /// Who may keep a copy of a blob's answer.
    public enum BlobPrivacy: Sendable {
        /// Anyone, for good: blobs are named by content, what a URL names never changes.
        case `public`
        /// Only the browser, which asks again each time (a 304 when unchanged).
        case `private`

        var cacheControl: String {
            switch self {
            case .public: "public, max-age=31536000, immutable"
            case .private: "private, no-cache"
            }
        }
    }

    /// A blob sent by nginx itself (`X-Accel-Redirect`, with its ETag and 304s), so image bytes
    /// never pass through a function.
    public static func blob(_ servingPath: String, contentType: String, filename: String,
                            privacy: BlobPrivacy = .public) -> Response {
        Response(status: .ok, headers: [
            ("X-Accel-Redirect", blobLocation + servingPath),
            ("Content-Type", contentType),
            ("Cache-Control", privacy.cacheControl),
            ("Content-Disposition", "inline; filename=\"\(filename)\""),
        ])
    }
}
