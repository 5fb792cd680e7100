import Access
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `DELETE /api/images/ID`: deletes an image, its job, its annotated copy and renditions, and the
/// blobs nothing else names, for whoever holds its `X-Delete-Token` or owns it.
public struct ImagesHandler: Handler {
    let logger: Logger
    let databases: DatabaseProvider
    let blobs: any BlobStore

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
        blobs = BlobStores.configured(configuration)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("DELETE")
        let components = try ImagePath.components(of: request.path, after: "/api/images/")
        guard components.count == 1 else { throw RequestError.noSuchRoute(path: request.path) }
        let id = try ImagePath.validatedID(components[0])
        let database = try databases.get()
        guard let image = try database.images.image(id) else { throw RequestError.unknownImage(id: id) }
        let caller = try Authenticator(accounts: database.accounts).caller(of: request)
        // An album photo is invisible to all but its owner: for them it does not exist.
        guard ImageAccess.mayRead(image, caller) else { throw RequestError.unknownImage(id: id) }
        guard Self.mayDelete(image, caller: caller, token: request.header("HTTP_X_DELETE_TOKEN")) else {
            throw RequestError.wrongDeleteToken
        }
        try ImageDeleter(catalog: database.deletions, blobs: blobs).delete(.image(id))
        logger.info("image deleted", metadata: ["image.id": "\(id)", "request.id": "\(request.requestID)"])
        return .noContent
    }

    private static func mayDelete(_ image: ImageRecord, caller: Caller, token: String?) -> Bool {
        if let owner = image.ownerID, caller.user?.id == owner { return true }
        guard let token, let stored = image.deleteTokenHash else { return false }
        return SecretToken.constantTimeEquals(SecretToken(text: token).storedHash, stored)
    }
}
