import Foundation
import PeekCore

/// The data directory as it lies on disk: the database file, `blobs/ab/cd/abcd…` named by their
/// SHA-256, and `tmp/`. The blob store, the checks and the backups all read it through this type.
public struct DataDirectory: Sendable {
    public let root: URL
    public let blobs: URL
    public let temporary: URL
    public let database: URL

    public init(root: URL) {
        self.root = root
        blobs = root.appendingPathComponent("blobs", isDirectory: true)
        temporary = root.appendingPathComponent("tmp", isDirectory: true)
        database = root.appendingPathComponent("peek.sqlite")
    }

    public init(configuration: PeekConfiguration) {
        self.init(root: configuration.dataDirectory)
    }

    /// A blob's path below `blobs/` (what nginx's internal location appends).
    public static func blobRelativePath(for digest: String) throws(StoreError) -> String {
        guard isDigest(digest) else { throw .notADigest(digest) }
        let characters = Array(digest)
        return "\(String(characters[0..<2]))/\(String(characters[2..<4]))/\(digest)"
    }

    public func blobURL(for digest: String) throws(StoreError) -> URL {
        blobs.appendingPathComponent(try Self.blobRelativePath(for: digest))
    }

    /// Whether a regular file holds `digest`.
    public func containsBlob(_ digest: String) -> Bool {
        guard let url = try? blobURL(for: digest) else { return false }
        var status = stat()
        return stat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Every blob in the tree, in shard order; stray names (temporary files, others) are skipped.
    public func blobDigests() throws -> [String] {
        try Self.blobDigests(in: blobs)
    }

    /// Every blob in a tree of shards rooted at `blobs`.
    static func blobDigests(in blobs: URL) throws -> [String] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: blobs.path) else { return [] }
        var result: [String] = []
        for first in try manager.contentsOfDirectory(atPath: blobs.path).sorted() where Self.isShard(first) {
            let level1 = blobs.appendingPathComponent(first)
            for second in try manager.contentsOfDirectory(atPath: level1.path).sorted() where Self.isShard(second) {
                let level2 = level1.appendingPathComponent(second)
                for name in try manager.contentsOfDirectory(atPath: level2.path).sorted()
                where Self.isDigest(name) && name.hasPrefix(first + second) {
                    result.append(name)
                }
            }
        }
        return result
    }

    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy(isLowerHex)
    }

    private static func isShard(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy(isLowerHex)
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte)
    }
}
