import ImageInspection
import PeekCore
import PeekHTTP
import PeekStore

/// `GET /api/image/ID/original|annotated`: finds the blob and lets nginx send it
/// (`X-Accel-Redirect`), so image bytes never pass through FastCGI.
public struct ImageHandler: Handler {
    let databases: DatabaseProvider
    let blobs: any BlobStore

    public init(configuration: PeekConfiguration) {
        self.databases = DatabaseProvider(configuration: configuration)
        self.blobs = LocalBlobStore(directory: DataDirectory(configuration: configuration))
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET")
        let components = try ImagePath.components(of: request.path, after: "/api/image/")
        let variants = ["original", "annotated"] + Preset.allCases.map(\.rawValue)
        guard components.count == 2, variants.contains(String(components[1])) else {
            throw RequestError.noSuchRoute(path: request.path, hint: "use /api/image/ID/"
                                           + variants.joined(separator: ", /api/image/ID/"))
        }
        let id = try ImagePath.validatedID(components[0])
        let database = try databases.get()
        guard let image = try database.images.image(id) else { throw RequestError.unknownImage(id: id) }
        switch components[1] {
        case "original":
            return try redirect(to: image.blobSHA256, contentType: image.contentType,
                                filename: "\(id).\(ImageFormat(rawValue: image.format)?.fileExtension ?? "bin")")
        case "annotated":
            guard let annotated = image.annotatedSHA256 else { throw Self.notReady("annotated image", of: image) }
            return try redirect(to: annotated, contentType: "image/jpeg", filename: "\(id)-annotated.jpg")
        default:
            let preset = Preset(rawValue: String(components[1]))!
            guard let rendition = try database.renditions.rendition(source: image.blobSHA256, recipe: preset.recipe) else {
                throw Self.notReady(preset == .web ? "web-sized copy" : "thumbnail", of: image)
            }
            return try redirect(to: rendition.blobSHA256, contentType: rendition.contentType,
                                filename: "\(id)-\(preset.rawValue).webp")
        }
    }

    private static func notReady(_ variant: String, of image: ImageRecord) -> RequestError {
        image.status == .processing ? .variantNotReady(variant: variant, id: image.id)
            : .variantMissing(variant: variant, failed: image.status == .failed)
    }

    private func redirect(to digest: String, contentType: String, filename: String) throws -> Response {
        .blob(try blobs.servingPath(for: digest), contentType: contentType, filename: filename)
    }
}
