/// A run of a model version on one image, as its owner reads it.
public struct ModelJob: Sendable, Equatable {
    /// Where the job stands; `succeeded` and `failed` are final.
    public enum Status: String, Sendable, Codable {
        case queued, running, succeeded, failed
    }

    /// The public id (`/api/jobs/JID`).
    public let id: String
    public let versionID: String
    public let modelID: String
    /// Who asked for the run (not necessarily the model's owner: public models run for anyone).
    public let ownerID: Int64
    public let inputSHA256: String
    public let inputContentType: String
    public let inputFilename: String?
    public var status: Status
    /// What `run` returned, as JSON text.
    public var resultJSON: String?
    /// The last 64 KiB of its stdout and stderr.
    public var log: String
    public var error: String?
    public var milliseconds: Int?
    public let createdAt: Double
    public var finishedAt: Double?
    public var outputs: [ModelJobOutput]

    public init(id: String, versionID: String, modelID: String, ownerID: Int64, inputSHA256: String,
                inputContentType: String, inputFilename: String?, status: Status = .queued, resultJSON: String? = nil,
                log: String = "", error: String? = nil, milliseconds: Int? = nil, createdAt: Double,
                finishedAt: Double? = nil, outputs: [ModelJobOutput] = []) {
        self.id = id
        self.versionID = versionID
        self.modelID = modelID
        self.ownerID = ownerID
        self.inputSHA256 = inputSHA256
        self.inputContentType = inputContentType
        self.inputFilename = inputFilename
        self.status = status
        self.resultJSON = resultJSON
        self.log = log
        self.error = error
        self.milliseconds = milliseconds
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.outputs = outputs
    }
}
