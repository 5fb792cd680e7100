extension Response {
    /// nginx's internal location that maps onto the blob folder.
    static let blobLocation = "/_blobs/"

    /// A blob sent by nginx itself (`X-Accel-Redirect`, with its ETag and 304s), so image bytes
    /// never pass through a function. Blobs are named by content: what a URL names never changes.
    public static func blob(_ servingPath: String, contentType: String, filename: String) -> Response {
        Response(status: .ok, headers: [
            ("X-Accel-Redirect", blobLocation + servingPath),
            ("Content-Type", contentType),
            ("Cache-Control", "public, max-age=31536000, immutable"),
            ("Content-Disposition", "inline; filename=\"\(filename)\""),
        ])
    }
}
