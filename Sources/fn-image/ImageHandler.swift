import Access
import PeekCore
import PeekHTTP
import PeekStore

/// `GET /api/image/ID/original|annotated|thumbnail|web`: finds the blob and lets nginx send it
/// (`X-Accel-Redirect`), so image bytes never pass through FastCGI.
public struct ImageHandler: Handler {
    let databases: DatabaseProvider
    let blobs: any BlobStore

    public init(configuration: PeekConfiguration) {
        self.databases = DatabaseProvider(configuration: configuration)
        self.blobs = BlobStores.configured(configuration)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET")
        let components = try ImagePath.components(of: request.path, after: "/api/image/")
        guard components.count == 2, let variant = ImageVariant(name: components[1]) else {
            throw RequestError.noSuchRoute(path: request.path, hint: "use /api/image/ID/"
                                           + ImageVariant.names.joined(separator: ", /api/image/ID/"))
        }
        let id = try ImagePath.validatedID(components[0])
        let database = try databases.get()
        guard let image = try database.images.image(id) else { throw RequestError.unknownImage(id: id) }
        try ImageAccess.check(image, for: request, accounts: database.accounts)
        return try variant.response(of: image, renditions: database.renditions, blobs: blobs)
    }
}
