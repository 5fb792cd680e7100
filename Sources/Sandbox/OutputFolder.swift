import Foundation

/// The output folder of a run, measured without following links: its files' total size and count.
public struct OutputFolder {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The limit the folder passes, if any; stops counting as soon as one is passed.
    func overstep(maxBytes: Int, maxFiles: Int) -> SandboxOutcome.Stop? {
        var bytes = 0
        var files = 0
        let keys: [URLResourceKey] = [.fileAllocatedSizeKey, .totalFileAllocatedSizeKey, .fileSizeKey]
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: keys, options: []) else {
            return nil
        }
        for case let file as URL in walker {
            files += 1
            if files > maxFiles { return .tooManyOutputFiles(limit: maxFiles) }
            let values = try? file.resourceValues(forKeys: Set(keys))
            bytes += max(values?.fileSize ?? 0, values?.totalFileAllocatedSize ?? 0)
            if bytes > maxBytes { return .outputTooLarge(limitBytes: maxBytes) }
        }
        return nil
    }
}
