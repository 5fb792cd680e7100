import Foundation
import PeekStore

/// Puts a backup into a data directory: checks the backup first, copies the blobs, and the
/// database last, so an interrupted restore never leaves a database naming a missing blob. With
/// blobs in an S3 bucket (`bucket`), the backup's database is checked against the bucket and
/// only the database is restored.
public struct Restore {
    let source: URL
    let destination: URL
    /// Replace a database already in the destination (Peek must be stopped).
    let replaceDatabase: Bool
    let bucket: S3BlobStore?

    public init(source: URL, destination: URL, replaceDatabase: Bool, bucket: S3BlobStore? = nil) {
        self.source = source
        self.destination = destination
        self.replaceDatabase = replaceDatabase
        self.bucket = bucket
    }

    public func run() throws -> BackupReport {
        let started = Date()
        let sourceCheck = try DataCheck(directory: source, bucket: bucket).run()
        guard sourceCheck.ok else {
            throw MaintenanceError("the backup in \(source.path) fails its check; nothing was restored:\n\(try sourceCheck.json())")
        }
        let manager = FileManager.default
        let database = destination.appendingPathComponent("peek.sqlite")
        if manager.fileExists(atPath: database.path) && !replaceDatabase {
            throw MaintenanceError("""
                \(database.path) exists. Stop Peek (systemctl stop peek.target) and move the data \
                directory aside, or pass --force to replace the database
                """)
        }
        let copier = FileCopier(owner: try Self.ownerForRestoredFiles(destination))
        try copier.makeDirectory(destination, like: source)
        try copier.makeDirectory(destination.appendingPathComponent("tmp", isDirectory: true))

        var report = BackupReport(
            ok: false, createdAt: BackupReport.timestamp(started), source: source.path,
            destination: destination.path, seconds: 0, check: sourceCheck)
        let from = DataDirectory(root: source)
        let to = DataDirectory(root: destination)
        try copier.makeDirectory(to.blobs, like: from.blobs)
        for digest in try from.blobDigests() {
            let input = try from.blobURL(for: digest)
            let output = try to.blobURL(for: digest)
            if to.containsBlob(digest) {
                report.blobsKept += 1
                continue
            }
            try copier.copy(input, to: output)
            report.blobsCopied += 1
        }
        try copier.syncDirectories()

        // A -wal or -shm left from the replaced database would be replayed into the restored one.
        for suffix in ["-wal", "-shm", "-journal"] { unlink(database.path + suffix) }
        try copier.copy(source.appendingPathComponent("peek.sqlite"), to: database, mode: 0o600)
        try copier.syncDirectories()

        report.check = try DataCheck(directory: destination, bucket: bucket).run()
        report.ok = report.check.ok
        report.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        return report
    }

    /// Run as root, restored files belong to whoever owns the data directory (peek on a VPS).
    private static func ownerForRestoredFiles(_ directory: URL) throws -> (uid: uid_t, gid: gid_t)? {
        guard geteuid() == 0 else { return nil }
        var status = stat()
        guard stat(directory.path, &status) == 0 else { return nil }
        return (status.st_uid, status.st_gid)
    }
}
