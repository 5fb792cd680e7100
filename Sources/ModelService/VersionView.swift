import PeekCore
import PeekStore

/// A version of a model: its build's status, log and error.
public struct VersionView: Encodable {
    let id: String
    let versionID: String
    let modelID: String
    let version: String
    let status: String
    let buildLog: String?
    @EncodedAsNull var error: String?
    let createdAt: String
    @EncodedAsNull var finishedAt: String?
    let jobsURL: String

    enum CodingKeys: String, CodingKey {
        case id, version, status, error
        case versionID = "version_id"
        case modelID = "model_id"
        case buildLog = "build_log"
        case createdAt = "created_at"
        case finishedAt = "finished_at"
        case jobsURL = "jobs_url"
    }

    public init(_ version: ModelVersion, includeLog: Bool = true) {
        id = version.id
        versionID = version.id
        modelID = version.modelID
        self.version = version.version
        status = version.status.rawValue
        buildLog = includeLog ? version.buildLog : nil
        error = version.error
        createdAt = Timestamp.string(version.createdAt)
        finishedAt = version.finishedAt.map(Timestamp.string)
        jobsURL = "/api/models/\(version.modelID)/versions/\(version.id)/jobs"
    }
}
