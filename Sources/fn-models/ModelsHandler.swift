import Access
import Foundation
import Logging
import ModelService
import PeekCore
import PeekHTTP
import PeekStore

/// `/api/models` and `/api/models/ID` for logged-in owners (SPEC §11): make a model, list the
/// caller's and the public ones, read one with its versions.
public struct ModelsHandler: Handler {
    let logger: Logger
    let databases: DatabaseProvider

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
    }

    struct ModelFields: Decodable {
        let name: String?
        let description: String?
        let isPublic: Bool?

        enum CodingKeys: String, CodingKey {
            case name, description
            case isPublic = "public"
        }
    }

    public func handle(_ request: Request) throws -> Response {
        let database = try databases.get()
        guard let rest = ImagePath.remainder(of: request.path, after: "/api/models"), rest.isEmpty || rest.hasPrefix("/") else {
            throw RequestError.noSuchRoute(path: request.path)
        }
        if rest.isEmpty || rest == "/" {
            try request.requireMethod("GET", "POST")
            let (user, _) = try Authenticator(accounts: database.accounts).owner(of: request)
            if request.method == "POST" { return try create(for: user, request, database) }
            let models = try database.models.models(visibleTo: user.id).map { ModelView($0, callerID: user.id) }
            return .json(.ok, encoding: ["models": models])
        }
        let components = try ImagePath.components(of: request.path, after: "/api/models/")
        guard components.count == 1 else {
            throw RequestError.noSuchRoute(path: request.path, hint: "see the README's models section for the routes")
        }
        try request.requireMethod("GET")
        let access = try ModelAccess(request, modelID: components[0], database: database)
        let versions = try database.models.versions(modelID: access.model.id).filter { access.isOwner || $0.status == .ready }
        return .json(.ok, encoding: ModelView(access.model, callerID: access.user.id, versions: versions))
    }

    private func create(for user: User, _ request: Request, _ database: any DatabaseBackend) throws -> Response {
        let fields = try JSONBody.decode(ModelFields.self, from: request)
        guard let typedName = fields.name else { throw RequestError.invalidField(name: "name", problem: "is missing") }
        let name = try TypedText.name(typedName, field: "name", length: 1...100)
        let description = try TypedText.text(fields.description ?? "", field: "description", maximum: 5_000)
        let model = Model(id: ImageID.generate(), ownerID: user.id, name: name, description: description,
                          isPublic: fields.isPublic ?? false, createdAt: Date().timeIntervalSince1970)
        try database.models.createModel(model)
        logger.info("model made", metadata: ["user.id": "\(user.id)", "model.id": "\(model.id)"])
        return .json(.created, encoding: ModelView(model, callerID: user.id, versions: []),
                     headers: [("Location", "/api/models/\(model.id)")])
    }
}
