import Access
import AlbumService
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/albums…` for their owner: albums (list, make, read, change, delete), the cover, the
/// share links, and the ZIP of the originals. The photos themselves are fn-album-photos'.
public struct AlbumsHandler: Handler {
    let logger: Logger
    let databases: DatabaseProvider
    let blobs: any BlobStore

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
        blobs = BlobStores.configured(configuration)
    }

    struct AlbumFields: Decodable {
        let title: String?
        let description: String?
    }

    public func handle(_ request: Request) throws -> Response {
        let database = try databases.get()
        guard let rest = ImagePath.remainder(of: request.path, after: "/api/albums"), rest.isEmpty || rest.hasPrefix("/") else {
            throw RequestError.noSuchRoute(path: request.path)
        }
        if rest.isEmpty || rest == "/" {
            try request.requireMethod("GET", "POST")
            let (user, _) = try Authenticator(accounts: database.accounts).owner(of: request)
            if request.method == "GET" {
                return .json(.ok, encoding: ["albums": try database.albums.albums(ownerID: user.id).map(AlbumView.init)])
            }
            return try create(for: user, request, database)
        }
        let components = try ImagePath.components(of: request.path, after: "/api/albums/")
        switch components.count {
        case 1:
            try request.requireMethod("GET", "PATCH", "DELETE")
            let owned = try AlbumOwner(request, albumID: components[0], database: database)
            switch request.method {
            case "PATCH": return try change(owned.album, request, database)
            case "DELETE": return try delete(owned, database)
            default: return .json(.ok, encoding: AlbumView(owned.album))
            }
        case 2 where components[1] == "download":
            try request.requireMethod("GET")
            let owned = try AlbumOwner(request, albumID: components[0], database: database)
            let photos = try database.albums.photos(albumID: owned.album.id).map(\.image)
            return AlbumArchive(photos: photos, blobs: blobs).response(title: owned.album.title)
        case 2 where components[1] == "shares", 3 where components[1] == "shares":
            let owned = try AlbumOwner(request, albumID: components[0], database: database)
            let shares = ShareLinks(album: owned.album, catalog: database.albums, logger: logger)
            return components.count == 2 ? try shares.handleCollection(request) : try shares.handleOne(request, id: components[2])
        case 3 where components[1] == "cover":
            try request.requireMethod("PUT")
            let owned = try AlbumOwner(request, albumID: components[0], database: database)
            return try setCover(owned.album, imageID: components[2], database)
        default:
            throw RequestError.noSuchRoute(path: request.path, hint: "see the README's albums section for the routes")
        }
    }

    private func create(for user: User, _ request: Request, _ database: any DatabaseBackend) throws -> Response {
        let fields = try JSONBody.decode(AlbumFields.self, from: request)
        guard let title = fields.title else { throw RequestError.invalidField(name: "title", problem: "is missing") }
        let now = Date().timeIntervalSince1970
        let album = Album(id: ImageID.generate(), ownerID: user.id, title: try Self.checkedTitle(title),
                          description: try Self.checkedDescription(fields.description ?? ""), createdAt: now, updatedAt: now)
        try database.albums.createAlbum(album)
        logger.info("album made", metadata: ["user.id": "\(user.id)", "album.id": "\(album.id)"])
        return .json(.created, encoding: AlbumView(album), headers: [("Location", "/api/albums/\(album.id)")])
    }

    private func change(_ album: Album, _ request: Request, _ database: any DatabaseBackend) throws -> Response {
        let fields = try JSONBody.decode(AlbumFields.self, from: request)
        var changed = album
        if let title = fields.title { changed.title = try Self.checkedTitle(title) }
        if let description = fields.description { changed.description = try Self.checkedDescription(description) }
        changed.updatedAt = Date().timeIntervalSince1970
        guard try database.albums.updateAlbum(changed) else { throw RequestError.notFound("album with id \(album.id)") }
        return .json(.ok, encoding: AlbumView(changed))
    }

    private func delete(_ owned: AlbumOwner, _ database: any DatabaseBackend) throws -> Response {
        let deleted = try ImageDeleter(catalog: database.deletions, blobs: blobs)
            .delete(.album(id: owned.album.id, ownerID: owned.user.id))
        logger.info("album deleted", metadata: ["album.id": "\(owned.album.id)", "photos": "\(deleted.count)"])
        return .noContent
    }

    private func setCover(_ album: Album, imageID: Substring, _ database: any DatabaseBackend) throws -> Response {
        guard ImageID.isValid(imageID),
              try database.albums.photos(albumID: album.id).contains(where: { $0.image.id == imageID }) else {
            throw RequestError.notFound("photo with id \(imageID) in this album")
        }
        var changed = album
        changed.coverImageID = String(imageID)
        changed.updatedAt = Date().timeIntervalSince1970
        guard try database.albums.updateAlbum(changed) else { throw RequestError.notFound("album with id \(album.id)") }
        return .json(.ok, encoding: AlbumView(changed))
    }

    static func checkedTitle(_ text: String) throws(RequestError) -> String {
        try TypedText.name(text, field: "title", length: 1...200)
    }

    static func checkedDescription(_ text: String) throws(RequestError) -> String {
        try TypedText.text(text, field: "description", maximum: 5_000)
    }
}
