import Access
import PeekCore
import PeekHTTP
import PeekStore

/// The logged-in owner of a request and the model they may see (their own, or a public one of
/// another owner). Another owner's private model answers exactly as an unknown id does.
public struct ModelAccess {
    public let user: User
    public let model: Model

    public var isOwner: Bool { model.ownerID == user.id }

    public init(_ request: Request, modelID: Substring, database: any DatabaseBackend) throws {
        let (user, _) = try Authenticator(accounts: database.accounts).owner(of: request)
        guard ImageID.isValid(modelID), let model = try database.models.model(String(modelID), visibleTo: user.id) else {
            throw RequestError.notFound("model with id \(modelID)")
        }
        self.user = user
        self.model = model
    }

    /// Throws unless the caller owns the model.
    public func requireOwner() throws(RequestError) {
        guard isOwner else { throw .notModelOwner }
    }

    /// A version of the model the caller may see: any of their own model's, only ready ones of another's.
    public func version(_ id: Substring, in database: any DatabaseBackend) throws -> ModelVersion {
        guard ImageID.isValid(id), let version = try database.models.version(String(id), modelID: model.id),
              isOwner || version.status == .ready else {
            throw RequestError.notFound("version with id \(id) of this model")
        }
        return version
    }
}
