import Foundation

/// What `peek-admin check` found, printed as JSON (snake_case keys). `ok` is the verdict:
/// SQLite's integrity check passed (PostgreSQL needs none), no foreign key is broken and no named blob is missing.
public struct DataCheckReport: Codable {
    public struct Blobs: Codable {
        /// Distinct digests the images table names (originals and annotated copies).
        var referenced = 0
        var present = 0
        var missingCount = 0
        /// The first missing digests, at most 20.
        var missing: [String] = []
        /// Blob files in the tree, referenced or not.
        var files = 0
        /// Files no row names: harmless (an upload accepted after a backup's snapshot, say).
        var unreferenced = 0
        /// Where the blobs were looked for: `files` (the directory's tree) or `s3://BUCKET`.
        var store = "files"
    }

    public var ok = false
    var directory: String
    var database: String
    /// `sqlite` or `postgresql`.
    var engine = "sqlite"
    /// SQLite's `PRAGMA integrity_check`; empty for PostgreSQL, which checks every write itself.
    var integrityCheck = ""
    var foreignKeyViolations = 0
    var journalMode = ""
    var migrations: [String] = []
    /// Rows per table.
    public internal(set) var rows: [String: Int] = [:]
    var imagesByStatus: [String: Int] = [:]
    var jobsByState: [String: Int] = [:]
    var blobs = Blobs()

    init(directory: URL, database: String) {
        self.directory = directory.path
        self.database = database
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
