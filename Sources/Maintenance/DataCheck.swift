import Foundation
import PeekStore
import GRDB

/// Checks a data directory or a backup without changing it: SQLite's integrity and foreign key
/// checks, row counts, and that every blob the database names is on disk, or in the S3 bucket
/// when `bucket` is given (`PEEK_BLOB_STORE=s3`: the blobs never are in the directory).
public struct DataCheck {
    let directory: URL
    let bucket: S3BlobStore?

    var databaseURL: URL { DataDirectory(root: directory).database }

    public init(directory: URL, bucket: S3BlobStore? = nil) {
        self.directory = directory
        self.bucket = bucket
    }

    public func run() throws -> DataCheckReport {
        var report = DataCheckReport(directory: directory, database: databaseURL)
        guard FileManager.default.fileExists(atPath: databaseURL.path) else {
            throw MaintenanceError("no database at \(databaseURL.path)")
        }
        let database = try Self.openReadOnly(databaseURL.path)
        let referenced = try database.read { db -> Set<String> in
            report.integrityCheck = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            report.foreignKeyViolations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            report.journalMode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            for table in tables {
                report.rows[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
            }
            if tables.contains("grdb_migrations") {
                report.migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
            guard tables.contains("images") else { return [] }
            report.imagesByStatus = try Self.groupCounts(db, "SELECT status, COUNT(*) FROM images GROUP BY status")
            if tables.contains("jobs") {
                report.jobsByState = try Self.groupCounts(db, "SELECT state, COUNT(*) FROM jobs GROUP BY state")
            }
            let renditions = tables.contains("renditions") ? "UNION SELECT blob_sha256 FROM renditions" : ""
            return Set(try String.fetchAll(db, sql: """
                SELECT blob_sha256 FROM images
                UNION SELECT annotated_sha256 FROM images WHERE annotated_sha256 IS NOT NULL
                \(renditions)
                """))
        }
        try database.close()

        let tree = DataDirectory(root: directory)
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
        report.ok = report.integrityCheck == "ok" && report.foreignKeyViolations == 0 && missing.isEmpty
        return report
    }

    /// A read-only connection: checking a backup must not turn it back into a WAL database, and
    /// checking the live directory must not write to it.
    static func openReadOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    private static func groupCounts(_ db: Database, _ sql: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: sql) {
            counts[row[0] ?? "null"] = row[1]
        }
        return counts
    }
}
