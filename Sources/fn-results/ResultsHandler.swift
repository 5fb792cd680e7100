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
        guard let (image, presets) = try databases.get().images.imageAndPresets(id) else {
            throw RequestError.unknownImage(id: id)
        }
        let document = ResultDocument(image, presets: image.status == .completed ? presets : [])
        let body = JSON.encode(document)
        guard let insights = image.insights, image.status == .completed else {
            return .json(image.status == .processing ? .accepted : .ok, body)
        }
        return .json(.ok, Self.splice(insights: insights, into: body))
    }

    /// The insights were serialised by the worker; they are inserted verbatim rather than parsed
    /// and encoded again on every poll.
    private static func splice(insights: String, into envelope: Data) -> Data {
        var document = Data("{\"insights\":".utf8)
        document.append(Data(insights.utf8))
        document.append(UInt8(ascii: ","))
        document.append(envelope.dropFirst())
        return document
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
        createdAt = Self.timestamp(image.createdAt)
        completedAt = image.completedAt.map(Self.timestamp)
        processingMs = image.processingMs
        var links = ["original": "/api/image/\(image.id)/original"]
        if image.annotatedSHA256 != nil { links["annotated"] = "/api/image/\(image.id)/annotated" }
        for preset in presets { links[preset.rawValue] = "/api/image/\(image.id)/\(preset.rawValue)" }
        self.links = links
    }

    /// ISO 8601 in UTC, e.g. 2026-11-21T05:29:10Z; assembled by hand because String(format:)
    /// was a tenth of the cost of a poll.
    private static func timestamp(_ seconds: Double) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
