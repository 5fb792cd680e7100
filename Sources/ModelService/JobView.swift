import Foundation
import PeekCore
import PeekStore

/// A run as the owner who asked for it reads it (SPEC §11): status, what `run` returned, its log,
/// the error, how long it took, and its output files with the URLs nginx serves them at.
public struct JobView: Encodable {
    /// An output file of the run.
    struct Output: Encodable {
        let name: String
        let size: Int
        let contentType: String
        let url: String

        enum CodingKeys: String, CodingKey {
            case name, size, url
            case contentType = "content_type"
        }
    }

    let id: String
    let jobID: String
    let modelID: String
    let versionID: String
    let status: String
    let log: String?
    @EncodedAsNull var error: String?
    @EncodedAsNull var ms: Int?
    let outputs: [Output]
    let createdAt: String
    @EncodedAsNull var finishedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, status, log, error, ms, outputs
        case jobID = "job_id"
        case modelID = "model_id"
        case versionID = "version_id"
        case createdAt = "created_at"
        case finishedAt = "finished_at"
    }

    private let resultJSON: String?

    public init(_ job: ModelJob, includeLog: Bool = true) {
        id = job.id
        jobID = job.id
        modelID = job.modelID
        versionID = job.versionID
        status = job.status.rawValue
        log = includeLog ? job.log : nil
        error = job.error
        ms = job.milliseconds
        outputs = job.outputs.map {
            Output(name: $0.name, size: $0.byteSize, contentType: $0.contentType, url: "/api/jobs/\(job.id)/outputs/\($0.name)")
        }
        createdAt = Timestamp.string(job.createdAt)
        finishedAt = job.finishedAt.map(Timestamp.string)
        resultJSON = job.resultJSON
    }

    /// The view as JSON, with `result` (JSON already, as the worker stored it) put in as it is.
    public var encoded: Data {
        JSON.inserting(resultJSON ?? "null", as: "result", into: JSON.encode(self))
    }
}
