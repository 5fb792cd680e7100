import PeekCore
import PeekStore

/// A model as an owner reads it; `owned` tells the caller's own models from the public ones of others.
public struct ModelView: Encodable {
    let id: String
    let name: String
    let description: String
    let isPublic: Bool
    let owned: Bool
    let createdAt: String
    let versions: [VersionView]?

    enum CodingKeys: String, CodingKey {
        case id, name, description, owned, versions
        case isPublic = "public"
        case createdAt = "created_at"
    }

    public init(_ model: Model, callerID: Int64, versions: [ModelVersion]? = nil) {
        id = model.id
        name = model.name
        description = model.description
        isPublic = model.isPublic
        owned = model.ownerID == callerID
        createdAt = Timestamp.string(model.createdAt)
        self.versions = versions.map { $0.map { VersionView($0, includeLog: false) } }
    }
}
