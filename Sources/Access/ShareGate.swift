import Credentials
import Foundation
import PeekHTTP
import PeekStore

/// Opens a share link for a request: the share and its album when the link is live and, for a
/// password-protected one, unlocked by this client's `peek_unlock` cookie.
public struct ShareGate {
    public static let unlockCookie = "peek_unlock"
    /// How long an unlock lasts in the browser that made it.
    public static let unlockSeconds = 86_400

    let albums: any AlbumCatalog
    let now: () -> Double

    public init(albums: any AlbumCatalog, now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.albums = albums
        self.now = now
    }

    /// The live share of `token`, whether or not it is unlocked; unknown, revoked and expired look alike.
    public func liveShare(_ token: String) throws -> (Share, Album) {
        guard let share = try albums.share(tokenHash: SecretToken(text: token).storedHash),
              share.state(at: now()) == .live,
              let album = try albums.album(share.albumID) else { throw RequestError.shareUnavailable }
        return (share, album)
    }

    /// The share of `token`, once the request may see what it holds.
    public func open(_ token: String, for request: Request) throws -> (Share, Album) {
        let (share, album) = try liveShare(token)
        if share.passwordHash != nil {
            guard let unlock = request.cookie(Self.unlockCookie),
                  try albums.isUnlocked(tokenHash: SecretToken(text: unlock).storedHash, shareID: share.id, at: now())
            else { throw RequestError.sharePasswordRequired(token: token) }
        }
        return (share, album)
    }
}
