import ImageInspection
import PeekCore
import PeekHTTP
import PeekStore

/// `GET /api/image/ID/original|annotated`: finds the blob and lets nginx send it
/// (`X-Accel-Redirect`), so image bytes never pass through FastCGI.
public struct ImageHandler: Handler {
    /// nginx's internal location that maps onto the blob folder.
    static let internalPrefix = "/_blobs/"

    let databases: DatabaseProvider
    let blobs: any BlobStore

    public init(configuration: PeekConfiguration) {
        self.databases = DatabaseProvider(configuration: configuration)
        self.blobs = LocalBlobStore(directory: DataDirectory(configuration: configuration))
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET")
        let components = try ImagePath.components(of: request.path, after: "/api/image/")
        guard components.count == 2, ["original", "annotated"].contains(components[1]) else {
            throw RequestError.noSuchRoute(path: request.path, hint: "use /api/image/ID/original or /api/image/ID/annotated")
        }
        let id = try ImagePath.validatedID(components[0])
        guard let image = try databases.get().images.image(id) else { throw RequestError.unknownImage(id: id) }
        if components[1] == "original" {
            return try redirect(to: image.blobSHA256, contentType: image.contentType,
                                filename: "\(id).\(ImageFormat(rawValue: image.format)?.fileExtension ?? "bin")")
        }
        guard let annotated = image.annotatedSHA256 else {
            throw image.status == .failed ? RequestError.annotatedAfterFailure : RequestError.annotatedNotReady(id: id)
        }
        return try redirect(to: annotated, contentType: "image/jpeg", filename: "\(id)-annotated.jpg")
    }

    private func redirect(to digest: String, contentType: String, filename: String) throws -> Response {
        Response(status: .ok, headers: [
            ("X-Accel-Redirect", Self.internalPrefix + (try blobs.servingPath(for: digest))),
            ("Content-Type", contentType),
            // Blobs are named by content: what an id points to never changes.
            ("Cache-Control", "public, max-age=31536000, immutable"),
            ("Content-Disposition", "inline; filename=\"\(filename)\""),
        ])
    }
}
