import Foundation
import ZIPFoundation

/// A model package: a ZIP with `predict.py` at its root. `check` reads only the central
/// directory (what each entry claims), so a bad package is refused before anything is unpacked;
/// `extract` then writes the entries, counting what they really inflate to.
public struct ModelPackage {
    /// A checked entry: its path split into safe components.
    struct Item {
        let entry: Entry
        let components: [String]
        let isDirectory: Bool
    }

    let archive: Archive
    let items: [Item]
    public let limits: PackageLimits

    /// Whether the package has a `requirements.txt` at its root.
    public var hasRequirements: Bool {
        items.contains { $0.components == ["requirements.txt"] && !$0.isDirectory }
    }

    /// The package at `url`, checked against `limits`.
    public init(checking url: URL, limits: PackageLimits = .standard) throws(PackageError) {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw .notAZip }
        try self.init(archive, limits: limits)
    }

    /// The package in `data` (an upload's bytes), checked against `limits`.
    public init(checking data: Data, limits: PackageLimits = .standard) throws(PackageError) {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw .notAZip }
        try self.init(archive, limits: limits)
    }

    private init(_ archive: Archive, limits: PackageLimits) throws(PackageError) {
        self.archive = archive
        self.limits = limits
        var items: [Item] = []
        var unpacked: UInt64 = 0
        var packed: UInt64 = 0
        for entry in archive {
            items.append(try Self.checked(entry))
            guard items.count <= limits.maxEntries else {
                throw .tooManyEntries(count: archive.reduce(0) { count, _ in count + 1 }, limit: limits.maxEntries)
            }
            unpacked += entry.uncompressedSize
            packed += entry.compressedSize
            guard unpacked <= UInt64(limits.maxUnpackedBytes) else { throw .tooLargeUnpacked(limit: limits.maxUnpackedBytes) }
            if entry.uncompressedSize > 1024, entry.uncompressedSize > UInt64(limits.maxCompressionRatio) * max(entry.compressedSize, 1) {
                throw .compressionRatio(entry: entry.path, limit: limits.maxCompressionRatio)
            }
        }
        guard !items.isEmpty else { throw .empty }
        if unpacked > 1024, unpacked > UInt64(limits.maxCompressionRatio) * max(packed, 1) {
            throw .compressionRatio(entry: "the package", limit: limits.maxCompressionRatio)
        }
        guard items.contains(where: { $0.components == ["predict.py"] && !$0.isDirectory }) else {
            if let nested = items.first(where: { $0.components.last == "predict.py" && !$0.isDirectory }) {
                throw .predictScriptInFolder(nested.components.dropLast().joined(separator: "/"))
            }
            throw .noPredictScript
        }
        self.items = items
        if let requirements = items.first(where: { $0.components == ["requirements.txt"] && !$0.isDirectory }) {
            try Self.checkRequirements(requirements.entry, in: archive)
        }
    }

    /// The most requirements.txt may hold.
    static let requirementsLimit = 64 * 1024

    /// Every line of requirements.txt names a package of the index (`Pillow==10.4.0`, with extras
    /// or markers): pip is never sent to another index, a URL or a path by a package.
    private static func checkRequirements(_ entry: Entry, in archive: Archive) throws(PackageError) {
        guard entry.uncompressedSize <= UInt64(requirementsLimit) else { throw .requirementsTooLarge(limit: requirementsLimit) }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                data.append(chunk)
                if data.count > requirementsLimit { throw PackageError.requirementsTooLarge(limit: requirementsLimit) }
            }
        } catch let error as PackageError {
            throw error
        } catch {
            throw .damaged("requirements.txt: \(error)")
        }
        for (index, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            let startsWithName = line.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
            if !startsWithName || line.contains("://") || line.contains("@") || line.contains("\\") || line.contains("/") {
                throw .requirementNotByName(line: index + 1, text: line)
            }
        }
    }

    /// An entry whose path is relative, stays inside the package, and names a file or a folder.
    private static func checked(_ entry: Entry) throws(PackageError) -> Item {
        let path = entry.path
        switch entry.type {
        case .symlink: throw .link(path)
        case .file, .directory: break
        }
        // Backslashes are separators to Windows' unzip tools: treated as such, so `..\x` is refused too.
        let normalised = path.replacingOccurrences(of: "\\", with: "/")
        if normalised.hasPrefix("/") || normalised.first.map({ $0.isLetter }) == true && normalised.dropFirst().hasPrefix(":") {
            throw .absolutePath(path)
        }
        let components = normalised.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if components.contains("..") { throw .parentPath(path) }
        let kept = components.filter { $0 != "." }
        guard !kept.isEmpty, !kept.contains(where: { $0.contains("\0") }) else { throw .unsupportedEntry(path) }
        return Item(entry: entry, components: kept, isDirectory: entry.type == .directory || normalised.hasSuffix("/"))
    }

    /// Writes every entry below `folder` (which must exist), never more bytes than each entry
    /// declared nor in all than the limit: an entry that inflates past its claimed size is damaged.
    public func extract(into folder: URL) throws(PackageError) {
        var written = 0
        for item in items {
            let destination = item.components.reduce(folder) { $0.appendingPathComponent($1) }
            do {
                if item.isDirectory {
                    try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
                    continue
                }
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: destination.path, contents: nil),
                      let handle = FileHandle(forWritingAtPath: destination.path) else {
                    throw PackageError.damaged("cannot write \(item.entry.path)")
                }
                defer { try? handle.close() }
                var entryBytes = 0
                let declared = Int(item.entry.uncompressedSize)
                _ = try archive.extract(item.entry, skipCRC32: false) { chunk in
                    entryBytes += chunk.count
                    written += chunk.count
                    guard entryBytes <= declared else { throw PackageError.damaged("\(item.entry.path) is larger than it claims") }
                    guard written <= limits.maxUnpackedBytes else { throw PackageError.tooLargeUnpacked(limit: limits.maxUnpackedBytes) }
                    try handle.write(contentsOf: chunk)
                }
            } catch let error as PackageError {
                throw error
            } catch {
                throw .damaged("\(item.entry.path): \(error)")
            }
        }
    }
}
