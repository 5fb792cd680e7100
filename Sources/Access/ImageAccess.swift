import PeekHTTP
import PeekStore

/// SPEC §10's rule of who may read an image: an anonymous upload anyone holding its id; a photo
/// in an album only its owner (share links read through `/api/shared/TOKEN/…`). Anyone else is
/// told what an unknown id would tell them.
public enum ImageAccess {
    public static func mayRead(_ image: ImageRecord, _ caller: Caller) -> Bool {
        guard image.albumID != nil else { return true }
        return caller.user.map { $0.id == image.ownerID } ?? false
    }

    /// Throws the unknown-image error unless the request may read `image`; the caller is looked up
    /// only for album photos, so polls of anonymous uploads cost no extra read.
    public static func check(_ image: ImageRecord, for request: Request, accounts: any AccountCatalog) throws {
        guard image.albumID != nil else { return }
        guard mayRead(image, try Authenticator(accounts: accounts).caller(of: request)) else {
            throw RequestError.unknownImage(id: image.id)
        }
    }
}
