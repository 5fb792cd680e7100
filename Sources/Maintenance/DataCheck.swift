import Foundation
import PeekStore

/// Checks an installation or a backup without changing it: the database's own checks (SQLite's
/// integrity and foreign key checks; PostgreSQL enforces both on every write), row counts, and
/// that every blob the database names is in the data directory, or in the S3 bucket when
/// `bucket` is given (`PEEK_BLOB_STORE=s3`: the blobs never are in the directory).
public struct DataCheck {
    let directory: URL
    /// The PostgreSQL database the installation keeps its tables in; nil: the directory's SQLite file.
    let databaseURL: String?
    let bucket: S3BlobStore?

    var sqliteURL: URL { DataDirectory(root: directory).database }

    public init(directory: URL, databaseURL: String? = nil, bucket: S3BlobStore? = nil) {
        self.directory = directory
        self.databaseURL = databaseURL
        self.bucket = bucket
    }

    public func run() throws -> DataCheckReport {
        let contents: DatabaseInventory
        var report: DataCheckReport
        if let databaseURL {
            report = DataCheckReport(directory: directory, database: PostgreSQLDatabase.redacted(databaseURL))
            contents = try PostgreSQLDatabase(url: databaseURL).inventory()
            report.engine = "postgresql"
        } else {
            report = DataCheckReport(directory: directory, database: sqliteURL.path)
            guard FileManager.default.fileExists(atPath: sqliteURL.path) else {
                throw MaintenanceError("no database at \(sqliteURL.path)")
            }
            let sqlite = try SQLiteInventory(path: sqliteURL.path)
            report.integrityCheck = sqlite.integrityCheck
            report.foreignKeyViolations = sqlite.foreignKeyViolations
            report.journalMode = sqlite.journalMode
            contents = sqlite.contents
        }
        report.migrations = contents.migrations
        report.rows = contents.rows
        report.imagesByStatus = contents.imagesByStatus
        report.jobsByState = contents.jobsByState

        let tree = DataDirectory(root: directory)
        let referenced = contents.referencedBlobs
        let files: Set<String>
        if let bucket {
            report.blobs.store = "s3://\(bucket.settings.bucket)"
            files = Set(try bucket.digests(writtenBefore: .infinity))
        } else {
            files = Set(try tree.blobDigests())
        }
        report.blobs.referenced = referenced.count
        report.blobs.files = files.count
        report.blobs.unreferenced = files.subtracting(referenced).count
        let missing = referenced.filter { bucket == nil ? !tree.containsBlob($0) : !files.contains($0) }.sorted()
        report.blobs.present = referenced.count - missing.count
        report.blobs.missingCount = missing.count
        report.blobs.missing = Array(missing.prefix(20))
        report.ok = (databaseURL != nil || report.integrityCheck == "ok") && report.foreignKeyViolations == 0 && missing.isEmpty
        return report
    }
}
