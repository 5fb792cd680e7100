import Crypto
import Foundation

/// Content-addressed files: a blob's name is the SHA-256 of its bytes, sharded as `ab/cd/abcd…`,
/// so identical uploads are stored once. Writes are atomic: temp file, fsync, rename, fsync dir.
public struct BlobStore: Sendable {
    public let root: URL
    public let temporaryDirectory: URL

    public init(root: URL, temporaryDirectory: URL) {
        self.root = root
        self.temporaryDirectory = temporaryDirectory
    }

    public init(configuration: PeekConfiguration) {
        self.init(root: configuration.blobDirectory, temporaryDirectory: configuration.temporaryDirectory)
    }

    /// Stores `bytes` unless a blob with the same content exists; returns its SHA-256 in hex.
    public func store(_ bytes: UnsafeRawBufferPointer) throws -> String {
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let destination = try url(for: digest)
        if FileManager.default.fileExists(atPath: destination.path) { return digest }
        try writeAtomically(bytes, to: destination)
        return digest
    }

    public func store(_ data: Data) throws -> String {
        try data.withUnsafeBytes { try store($0) }
    }

    /// The blob's path relative to the store's root (what nginx's internal location appends).
    public func relativePath(for digest: String) throws -> String {
        guard Self.isDigest(digest) else { throw PeekError.internal(detail: "not a SHA-256 digest: \(digest)") }
        let characters = Array(digest)
        return "\(String(characters[0..<2]))/\(String(characters[2..<4]))/\(digest)"
    }

    public func url(for digest: String) throws -> URL {
        root.appendingPathComponent(try relativePath(for: digest))
    }

    public func contains(_ digest: String) -> Bool {
        guard let url = try? url(for: digest) else { return false }
        return FileManager.default.fileExists(atPath: url.path)
    }

    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private func writeAtomically(_ bytes: UnsafeRawBufferPointer, to destination: URL) throws {
        let directory = destination.deletingLastPathComponent()
        // Only the shard folders are made here: a missing blob root or tmp folder means the data
        // directory is gone or unmounted, and recreating it would hide that.
        let newShards = try [directory.deletingLastPathComponent(), directory].filter { shard in
            guard mkdir(shard.path, 0o755) != 0 else { return true }
            guard errno == EEXIST else { throw storageError("mkdir", shard) }
            return false
        }
        let temporary = temporaryDirectory.appendingPathComponent("blob-\(UUID().uuidString)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw storageError("create", temporary) }
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                let error = storageError("write", temporary)
                close(descriptor)
                unlink(temporary.path)
                throw error
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            let error = storageError("fsync", temporary)
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        close(descriptor)
        guard rename(temporary.path, destination.path) == 0 else {
            let error = storageError("rename", destination)
            unlink(temporary.path)
            throw error
        }
        // New shard folders must reach the disk too, or the blob could vanish with them.
        for folder in [directory] + newShards.reversed().map({ $0.deletingLastPathComponent() }) {
            syncDirectory(folder)
        }
    }

    /// The rename is durable only once the directory entry itself reaches the disk.
    private func syncDirectory(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private func storageError(_ operation: String, _ url: URL) -> PeekError {
        let reason = String(cString: strerror(errno))
        if errno == ENOSPC { return .unavailable("the server is out of disk space", detail: "\(operation) \(url.path): \(reason)") }
        return .unavailable("storage is not writable", detail: "\(operation) \(url.path): \(reason)")
    }
}
