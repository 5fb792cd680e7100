import Foundation

/// The blob folder as it lies on disk: `ab/cd/abcd…` files named by their SHA-256.
struct BlobTree {
    let root: URL

    /// A blob's location, for a digest of 64 lowercase hex characters (anything else: nil).
    func url(for digest: String) -> URL? {
        guard Self.isDigest(digest) else { return nil }
        let characters = Array(digest)
        return root.appendingPathComponent(String(characters[0..<2]))
            .appendingPathComponent(String(characters[2..<4]))
            .appendingPathComponent(digest)
    }

    /// Whether a readable regular file holds `digest`.
    func contains(_ digest: String) -> Bool {
        guard let url = url(for: digest) else { return false }
        var status = stat()
        return stat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Every blob in the tree, in shard order; stray names (temporary files, others) are skipped.
    func digests() throws -> [String] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: root.path) else { return [] }
        var result: [String] = []
        for first in try manager.contentsOfDirectory(atPath: root.path).sorted() where Self.isShard(first) {
            let level1 = root.appendingPathComponent(first)
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

    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy(isLowerHex)
    }

    private static func isShard(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy(isLowerHex)
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte)
    }
}
