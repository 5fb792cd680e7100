/// One uploaded package of a model and the state of its build: its environment is built once and
/// reused by every run.
public struct ModelVersion: Sendable, Equatable {
    /// What its build reached.
    public enum Status: String, Sendable, Codable {
        case building, ready, failed
    }

    /// The longest build log kept: its last part, where pip says what failed.
    public static let buildLogLimit = 256 * 1024

    public let id: String
    public let modelID: String
    /// The owner's label (`1.0`, `2026-12-01`…), unique within the model.
    public let version: String
    /// The ZIP, a blob.
    public let packageSHA256: String
    public var status: Status
    public var buildLog: String
    public var error: String?
    public let createdAt: Double
    public var finishedAt: Double?

    public init(id: String, modelID: String, version: String, packageSHA256: String, status: Status = .building,
                buildLog: String = "", error: String? = nil, createdAt: Double, finishedAt: Double? = nil) {
        self.id = id
        self.modelID = modelID
        self.version = version
        self.packageSHA256 = packageSHA256
        self.status = status
        self.buildLog = buildLog
        self.error = error
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}
