import Access
import AlbumService
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/shared/TOKEN…`: what a share link gives whoever holds it, no account needed: the album
/// and its photos with insights, each image, the ZIP, and the unlock of a password-protected
/// link (a cookie scoped to that link's path; 5 wrong passwords a minute, then 429).
public struct SharedHandler: Handler {
    let configuration: PeekConfiguration
    let logger: Logger
    let databases: DatabaseProvider
    let blobs: any BlobStore

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
        blobs = BlobStores.configured(configuration)
    }

    struct Unlock: Decodable {
        let password: String
    }

    public func handle(_ request: Request) throws -> Response {
        let components = try ImagePath.components(of: request.path, after: "/api/shared/")
        // A token is 43 characters of base64url; anything else is no link at all.
        guard let first = components.first, SecretToken.hasShape(first) else { throw RequestError.shareUnavailable }
        let token = String(first)
        let database = try databases.get()
        let gate = ShareGate(albums: database.albums)
        switch (components.count, components.dropFirst().first) {
        case (1, _):
            try request.requireMethod("GET")
            let (share, album) = try gate.open(token, for: request)
            return try gallery(album, share: share, token: token, database)
        case (2, "unlock"):
            try request.requireMethod("POST")
            return try unlock(token, request, gate: gate, database)
        case (2, "download"):
            try request.requireMethod("GET")
            let (_, album) = try gate.open(token, for: request)
            return AlbumArchive(photos: try database.albums.photos(albumID: album.id).map(\.image), blobs: blobs)
                .response(title: album.title)
        case (4, "images"):
            try request.requireMethod("GET")
            let (_, album) = try gate.open(token, for: request)
            guard let variant = ImageVariant(name: components[3]) else {
                throw RequestError.noSuchRoute(path: "/api/shared/…/images/ID/\(components[3])",
                                               hint: "use one of " + ImageVariant.names.joined(separator: ", "))
            }
            guard ImageID.isValid(components[2]), let image = try database.images.image(String(components[2])),
                  image.albumID == album.id else { throw RequestError.notFound("photo with id \(components[2]) in this album") }
            return try variant.response(of: image, renditions: database.renditions, blobs: blobs)
        default:
            throw RequestError.noSuchRoute(path: "/api/shared/…/" + components.dropFirst().joined(separator: "/"))
        }
    }

    private func gallery(_ album: Album, share: Share, token: String, _ database: any DatabaseBackend) throws -> Response {
        let root = "/api/shared/\(token)"
        let photos = PhotoView.array(try database.albums.photos(albumID: album.id), root: { "\(root)/images/\($0)" },
                                     withResults: false)
        let envelope = JSON.encode(GalleryView(album: album, share: share, downloadURL: "\(root)/download"))
        return .json(.ok, JSON.inserting(String(decoding: photos, as: UTF8.self), as: "photos", into: envelope))
    }

    private func unlock(_ token: String, _ request: Request, gate: ShareGate, _ database: any DatabaseBackend) throws -> Response {
        let password = try JSONBody.decode(Unlock.self, from: request).password
        let (share, _) = try gate.liveShare(token)
        guard let passwordHash = share.passwordHash else { return .noContent }
        let limiter = AttemptLimiter(ledger: database.failures, scope: "unlock", limit: configuration.unlockFailuresPerShare)
        try limiter.check(share.id)
        guard PasswordHasher.verify(password, against: passwordHash) else {
            try limiter.recordFailure(share.id)
            logger.notice("share unlock failed", metadata: ["share.id": "\(share.id)", "client": "\(request.clientAddress)"])
            throw RequestError.wrongSharePassword
        }
        let unlock = try SecretToken.generate()
        try database.albums.recordUnlock(tokenHash: unlock.storedHash, shareID: share.id,
                                         expiresAt: Date().timeIntervalSince1970 + Double(ShareGate.unlockSeconds))
        let cookie = Cookie(name: ShareGate.unlockCookie, value: unlock.text, path: "/api/shared/\(token)",
                            maxAge: ShareGate.unlockSeconds, secure: configuration.secureCookies || request.isHTTPS)
        var response = Response.noContent
        response.headers.append(cookie.header)
        return response
    }
}

/// The album part of `GET /api/shared/TOKEN` (the photos are spliced in beside it).
struct GalleryView: Encodable {
    struct AlbumPart: Encodable {
        let title: String
        let description: String
        let photoCount: Int
        @EncodedAsNull var coverImageID: String?

        enum CodingKeys: String, CodingKey {
            case title, description
            case photoCount = "photo_count"
            case coverImageID = "cover_image_id"
        }
    }

    let album: AlbumPart
    let downloadURL: String
    @EncodedAsNull var expiresAt: String?

    enum CodingKeys: String, CodingKey {
        case album
        case downloadURL = "download_url"
        case expiresAt = "expires_at"
    }

    init(album: Album, share: Share, downloadURL: String) {
        self.album = AlbumPart(title: album.title, description: album.description, photoCount: album.photoCount,
                               coverImageID: album.coverImageID)
        self.downloadURL = downloadURL
        expiresAt = share.expiresAt.map(Timestamp.string)
    }
}
