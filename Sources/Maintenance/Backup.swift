import Foundation
import PeekStore

/// Copies a data directory that is in use: the database first, as one snapshot, then the blobs.
/// Blobs are immutable and written (fsynced) before the row naming them is committed, so every
/// blob the snapshot names already exists when the copy of the tree starts; blobs stored later
/// are copied too and are merely unreferenced in the backup. With blobs in an S3 bucket
/// (`bucket`) the backup holds the database only: the blobs stay in the bucket (its own
/// durability, versioning or replication keeps them), and the check confirms each one the
/// snapshot names is there.
public struct Backup {
    let source: URL
    let destination: URL
    let linkBlobs: Bool
    let bucket: S3BlobStore?

    static let reportName = "backup.json"

    public init(source: URL, destination: URL, linkBlobs: Bool, bucket: S3BlobStore? = nil) {
        self.source = source
        self.destination = destination
        self.linkBlobs = linkBlobs
        self.bucket = bucket
    }

    public func run() throws -> BackupReport {
        let started = Date()
        let manager = FileManager.default
        let database = source.appendingPathComponent("peek.sqlite")
        guard manager.fileExists(atPath: database.path) else {
            throw MaintenanceError("no database at \(database.path); is PEEK_DATA_DIR (or --data-dir) right?")
        }
        if manager.fileExists(atPath: destination.path),
           !(try manager.contentsOfDirectory(atPath: destination.path)).isEmpty {
            throw MaintenanceError("\(destination.path) is not empty; back up into a new directory")
        }
        let copier = FileCopier()
        try copier.makeDirectory(destination)

        try DatabaseSnapshot(source: database).write(to: destination.appendingPathComponent("peek.sqlite"))

        var report = BackupReport(
            ok: false, createdAt: BackupReport.timestamp(started), source: source.path,
            destination: destination.path, seconds: 0,
            check: DataCheckReport(directory: destination, database: database.path))
        let from = DataDirectory(root: source)
        let to = DataDirectory(root: destination)
        if bucket == nil {
            try copier.makeDirectory(to.blobs, like: from.blobs)
            for digest in try from.blobDigests() {
                let input = try from.blobURL(for: digest)
                let output = try to.blobURL(for: digest)
                try copier.copy(input, to: output, link: linkBlobs)
                if linkBlobs && Self.sameInode(input, output) { report.blobsLinked += 1 } else { report.blobsCopied += 1 }
            }
        }
        try copier.syncDirectories()

        report.check = try DataCheck(directory: destination, bucket: bucket).run()
        report.ok = report.check.ok
        report.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        let saved = destination.appendingPathComponent(Self.reportName)
        try Data((try report.json() + "\n").utf8).write(to: saved, options: .atomic)
        return report
    }

    private static func sameInode(_ first: URL, _ second: URL) -> Bool {
        var a = stat(), b = stat()
        return stat(first.path, &a) == 0 && stat(second.path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev
    }
}
