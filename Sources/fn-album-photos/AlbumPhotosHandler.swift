import Access
import AlbumService
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/albums/ID/photos[/IMAGE_ID]` for the album's owner: POST uploads one or more `image`
/// fields (each analysed like `/api/analyze`; all checked before any is stored), GET lists the
/// photos with their insights, DELETE removes one photo and what was made of it.
public struct AlbumPhotosHandler: Handler {
    /// Files one request may carry.
    public static let maxFiles = 50

    let configuration: PeekConfiguration
    let logger: Logger
    let databases: DatabaseProvider
    let blobs: any BlobStore
    let wakeup: WakeupSignal

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
        blobs = BlobStores.configured(configuration)
        wakeup = WakeupSignal(path: configuration.wakeupFIFO.path)
    }

    public func handle(_ request: Request) throws -> Response {
        let components = try ImagePath.components(of: request.path, after: "/api/albums/")
        guard components.count >= 2, components[1] == "photos", components.count <= 3 else {
            throw RequestError.noSuchRoute(path: request.path)
        }
        if components.count == 3 { try request.requireMethod("DELETE") } else { try request.requireMethod("GET", "POST") }
        let database = try databases.get()
        let owned = try AlbumOwner(request, albumID: components[0], database: database)
        switch request.method {
        case "POST": return try upload(request, into: owned, database)
        case "DELETE": return try delete(components[2], from: owned, database)
        default:
            let photos = PhotoView.array(try database.albums.photos(albumID: owned.album.id),
                                         root: { "/api/image/\($0)" }, withResults: true)
            return .json(.ok, JSON.inserting(String(decoding: photos, as: UTF8.self), as: "photos", into: Data("{}".utf8)))
        }
    }

    private func upload(_ request: Request, into owned: AlbumOwner, _ database: any DatabaseBackend) throws -> Response {
        let queue = database.jobQueue(QueuePolicy(configuration: configuration))
        let records = try ImageField.readingAll(request, configuration: configuration, limit: Self.maxFiles) { fields in
            try queue.admit(client: request.clientAddress, count: fields.count)
            let now = Date().timeIntervalSince1970
            var records: [ImageRecord] = []
            for field in fields {
                records.append(ImageRecord(id: ImageID.generate(), blobSHA256: try blobs.store(field.bytes), header: field.header,
                                           byteSize: field.bytes.count, originalFilename: field.filename, createdAt: now,
                                           ownerID: owned.user.id, albumID: owned.album.id))
            }
            try queue.enqueue(records, client: request.clientAddress) { () throws(StoreError) in
                for field in fields { _ = try blobs.store(field.bytes) }
            }
            return records
        }
        wakeup.notify()
        logger.info("photos accepted", metadata: ["album.id": "\(owned.album.id)", "photos": "\(records.count)",
                                                  "request.id": "\(request.requestID)"])
        let photos = records.map { PhotoReceipt(imageID: $0.id, filename: $0.originalFilename, status: "processing") }
        return .json(.accepted, encoding: ["photos": photos])
    }

    private func delete(_ imageID: Substring, from owned: AlbumOwner, _ database: any DatabaseBackend) throws -> Response {
        guard ImageID.isValid(imageID), let image = try database.images.image(String(imageID)),
              image.albumID == owned.album.id else { throw RequestError.notFound("photo with id \(imageID) in this album") }
        try ImageDeleter(catalog: database.deletions, blobs: blobs).delete(.image(image.id))
        logger.info("photo deleted", metadata: ["album.id": "\(owned.album.id)", "image.id": "\(image.id)"])
        return .noContent
    }
}

/// A photo just accepted into an album.
struct PhotoReceipt: Encodable {
    let imageID: String
    let filename: String?
    let status: String

    enum CodingKeys: String, CodingKey {
        case filename, status
        case imageID = "image_id"
    }
}
