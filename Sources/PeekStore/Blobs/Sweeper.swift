import Foundation
import PeekCore

/// The periodic clean-up (the worker runs it when idle, `peek-admin sweep` on demand): anonymous
/// uploads past `PEEK_RETENTION_DAYS`, blobs no row names, and temp files nobody finished.
public struct Sweeper {
    /// A blob or temp file younger than this may belong to an upload or job still under way.
    public static let graceSeconds: Double = 3_600

    let database: any DatabaseBackend
    let directory: DataDirectory
    let blobs: any BlobStore
    let retentionSeconds: Double?
    let now: () -> Double

    /// `blobs` defaults to the data directory's files; the temp folder is swept in either case.
    public init(database: any DatabaseBackend, directory: DataDirectory, blobs: (any BlobStore)? = nil,
                retentionSeconds: Double?, now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.database = database
        self.directory = directory
        self.blobs = blobs ?? LocalBlobStore(directory: directory)
        self.retentionSeconds = retentionSeconds
        self.now = now
    }

    /// What one sweep removed.
    public struct Report: Codable, Equatable, Sendable {
        public var expiredImages = 0
        public var orphanBlobs = 0
        public var staleTemporaryFiles = 0

        enum CodingKeys: String, CodingKey {
            case expiredImages = "expired_images"
            case orphanBlobs = "orphan_blobs"
            case staleTemporaryFiles = "stale_temporary_files"
        }
    }

    public func run() throws -> Report {
        var report = Report()
        let deleter = ImageDeleter(catalog: database.deletions, blobs: blobs)
        if let retentionSeconds {
            report.expiredImages = try deleter.delete(.anonymousUploads(before: now() - retentionSeconds)).count
        }
        report.orphanBlobs = try deleter.deleteOrphans(try blobs.digests(writtenBefore: now() - Self.graceSeconds))
        report.staleTemporaryFiles = removeStaleTemporaryFiles() + blobs.removeLeftovers(before: now() - Self.graceSeconds)
        return report
    }

    private func removeStaleTemporaryFiles() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.temporary.path)) ?? []
        var removed = 0
        for name in names {
            let path = directory.temporary.appendingPathComponent(name).path
            if modified(path) < now() - Self.graceSeconds, (try? FileManager.default.removeItem(atPath: path)) != nil {
                removed += 1
            }
        }
        return removed
    }

    private func modified(_ path: String) -> Double {
        var status = stat()
        guard stat(path, &status) == 0 else { return .infinity }
        return Double(status.st_mtim.tv_sec)
    }
}
