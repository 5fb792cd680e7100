import Crypto
import Foundation
import PeekCore

/// Blobs as files in the data directory, sharded as `ab/cd/abcd…`. Writes are atomic: temp
/// file, fsync, rename, fsync of the folders, so a blob is either whole on disk or absent.
public struct LocalBlobStore: BlobStore {
    public let root: URL
    public let temporaryDirectory: URL

    public init(root: URL, temporaryDirectory: URL) {
        self.root = root
        self.temporaryDirectory = temporaryDirectory
    }

    public init(directory: DataDirectory) {
        self.init(root: directory.blobs, temporaryDirectory: directory.temporary)
    }

    public func store(_ bytes: UnsafeRawBufferPointer) throws(StoreError) -> String {
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let destination = try fileURL(for: digest)
        if FileManager.default.fileExists(atPath: destination.path) { return digest }
        do {
            try writeAtomically(bytes, to: destination)
        } catch {
            throw .storage(error)
        }
        return digest
    }

    public func servingPath(for digest: String) throws(StoreError) -> String {
        try DataDirectory.blobRelativePath(for: digest)
    }

    public func delivery(of digest: String, publicly: Bool) throws(StoreError) -> BlobDelivery {
        .file(relativePath: try servingPath(for: digest))
    }

    public func fileURL(for digest: String) throws(StoreError) -> URL {
        root.appendingPathComponent(try DataDirectory.blobRelativePath(for: digest))
    }

    public func localFile(for digest: String) throws(StoreError) -> BlobFile? {
        let path = try fileURL(for: digest).path
        return FileManager.default.fileExists(atPath: path) ? BlobFile(path: path, isTemporary: false) : nil
    }

    public func digests(writtenBefore cutoff: Double) throws(StoreError) -> [String] {
        let all: [String]
        do { all = try DataDirectory.blobDigests(in: root) } catch { throw .storage(SystemError(operation: "list", path: root.path)) }
        return all.filter { digest in
            var status = stat()
            guard let path = try? fileURL(for: digest).path, stat(path, &status) == 0 else { return false }
            return Double(status.st_mtim.tv_sec) < cutoff
        }
    }

    /// Discarded blobs are in the temp folder, which the sweep empties of old files itself.
    public func removeLeftovers(before cutoff: Double) -> Int { 0 }

    public func contains(_ digest: String) -> Bool {
        guard let url = try? fileURL(for: digest) else { return false }
        return FileManager.default.fileExists(atPath: url.path)
    }

    /// Renamed into the temp folder: an upload of the same bytes that confirms its blob after
    /// this (under the database's write lock) writes a fresh copy.
    public func discard(_ digest: String) throws(StoreError) -> DiscardedBlob? {
        let path = try fileURL(for: digest).path
        let aside = temporaryDirectory.appendingPathComponent("discarded-\(digest)-\(UUID().uuidString)").path
        guard rename(path, aside) == 0 else {
            if errno == ENOENT { return nil }
            throw .storage(SystemError(operation: "rename", path: path))
        }
        return DiscardedBlob(finish: { unlink(aside) }, restore: { rename(aside, path) })
    }

    private func writeAtomically(_ bytes: UnsafeRawBufferPointer, to destination: URL) throws(SystemError) {
        let directory = destination.deletingLastPathComponent()
        let newShards = try makeShards(directory)
        let temporary = temporaryDirectory.appendingPathComponent("blob-\(UUID().uuidString)").path
        let descriptor = try SystemCall.retrying("create", temporary) {
            open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        do {
            defer { close(descriptor) }
            try SystemCall.writeAll(descriptor, bytes, path: temporary)
            try SystemCall.retrying("fsync", temporary) { fsync(descriptor) }
            try SystemCall.retrying("rename", destination.path) { rename(temporary, destination.path) }
        } catch {
            unlink(temporary)
            throw error
        }
        // New shard folders must reach the disk too, or the blob could vanish with them.
        for folder in [directory] + newShards.reversed().map({ $0.deletingLastPathComponent() }) {
            syncDirectory(folder)
        }
    }

    /// Makes the two shard folders that are missing. A missing blob root or tmp folder is not
    /// recreated: it means the data directory is gone or unmounted, and recreating it would hide that.
    private func makeShards(_ directory: URL) throws(SystemError) -> [URL] {
        var made: [URL] = []
        for shard in [directory.deletingLastPathComponent(), directory] {
            if mkdir(shard.path, 0o755) == 0 {
                made.append(shard)
            } else if errno != EEXIST {
                throw SystemError(operation: "mkdir", path: shard.path)
            }
        }
        return made
    }

    /// The rename is durable only once the directory entry itself reaches the disk.
    private func syncDirectory(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
