import Access
import Foundation
import PeekCore
import PeekHTTP
import PeekStore

/// `GET /api/results/ID`: 202 while the image waits or is analysed, 200 with insights or the
/// failure message once it has ended, 404 for an unknown id.
public struct ResultsHandler: Handler {
    let databases: DatabaseProvider

    public init(configuration: PeekConfiguration) {
        self.databases = DatabaseProvider(configuration: configuration)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET")
        let components = try ImagePath.components(of: request.path, after: "/api/results/")
        guard components.count == 1 else { throw RequestError.noSuchRoute(path: request.path) }
        let id = try ImagePath.validatedID(components[0])
        let database = try databases.get()
        guard let (image, presets) = try database.images.imageAndPresets(id) else { throw RequestError.unknownImage(id: id) }
        try ImageAccess.check(image, for: request, accounts: database.accounts)
        let document = ResultDocument(image, presets: image.status == .completed ? presets : [])
        let body = JSON.encode(document)
        guard let insights = image.insights, image.status == .completed else {
            return .json(image.status == .processing ? .accepted : .ok, body)
        }
        return .json(.ok, JSON.inserting(insights, as: "insights", into: body))
    }
}

/// The body of `/api/results/ID`, less the insights object.
struct ResultDocument: Encodable {
    let id: String
    let status: String
    let error: String?
    let createdAt: String
    let completedAt: String?
    let processingMs: Int?
    let links: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, status, error, links
        case createdAt = "created_at"
        case completedAt = "completed_at"
        case processingMs = "processing_ms"
    }

    init(_ image: ImageRecord, presets: [Preset]) {
        id = image.id
        status = image.status.rawValue
        error = image.error
        createdAt = Timestamp.string(image.createdAt)
        completedAt = image.completedAt.map(Timestamp.string)
        processingMs = image.processingMs
        var links = ["original": "/api/image/\(image.id)/original"]
        if image.annotatedSHA256 != nil { links["annotated"] = "/api/image/\(image.id)/annotated" }
        for preset in presets { links[preset.rawValue] = "/api/image/\(image.id)/\(preset.rawValue)" }
        self.links = links
    }
}
