/// A model job a worker holds under a lease: a version's build, or a run of a ready version.
public struct ClaimedModelJob: Sendable, Equatable {
    /// What the job does.
    public enum Kind: String, Sendable, CaseIterable {
        case build, run

        /// `kind IN (…)` of the given kinds (their raw values are constants, never a client's text).
        static func sqlList(_ kinds: Set<Kind>) -> String {
            "(" + kinds.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ") + ")"
        }
    }

    /// The queue's row id (not the public id of a run).
    public let rowID: Int64
    public let kind: Kind
    /// A run's public id; a build's is its version's id.
    public let publicID: String
    public let versionID: String
    public let packageSHA256: String
    /// The model's owner: whose pip cache a build uses.
    public let modelOwnerID: Int64
    /// A run's image; nil for a build.
    public let inputSHA256: String?
    public let inputFilename: String?
    public let inputContentType: String?
    /// 1 for the first try; counts claims, so a worker that died mid-job used one up.
    public let attempt: Int
    public let owner: String

    public init(rowID: Int64, kind: Kind, publicID: String, versionID: String, packageSHA256: String, modelOwnerID: Int64,
                inputSHA256: String?, inputFilename: String?, inputContentType: String?, attempt: Int, owner: String) {
        self.rowID = rowID
        self.kind = kind
        self.publicID = publicID
        self.versionID = versionID
        self.packageSHA256 = packageSHA256
        self.modelOwnerID = modelOwnerID
        self.inputSHA256 = inputSHA256
        self.inputFilename = inputFilename
        self.inputContentType = inputContentType
        self.attempt = attempt
        self.owner = owner
    }
}
