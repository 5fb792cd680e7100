import Access
import PeekCore
import PeekHTTP
import PeekStore

/// The logged-in owner's album a request names: another owner's album and an unknown id give the
/// same 404, so ids reveal nothing. (Albums, shares and tokens have ids of the image ids' shape.)
public struct AlbumOwner {
    public let user: User
    public let album: Album

    public init(_ request: Request, albumID: Substring, database: any DatabaseBackend) throws {
        let (user, _) = try Authenticator(accounts: database.accounts).owner(of: request)
        guard ImageID.isValid(albumID), let album = try database.albums.album(String(albumID), ownerID: user.id) else {
            throw RequestError.notFound("album with id \(albumID)")
        }
        self.user = user
        self.album = album
    }
}
