import Foundation

/// What a run left in its output folder, checked once it ended: regular files at the top level
/// only, with plain names, within the count and size limits. Each gets a content type from its
/// extension; anything unknown is sent as bytes (never as a page a browser would render).
struct OutputFiles {
    /// A file that becomes one of the job's outputs.
    struct File {
        let name: String
        let path: String
        let size: Int
        let contentType: String
    }

    static let contentTypes = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "bmp": "image/bmp", "json": "application/json", "txt": "text/plain; charset=utf-8",
        "csv": "text/csv; charset=utf-8", "log": "text/plain; charset=utf-8",
    ]

    /// The files, or the message the job fails with.
    static func collect(_ folder: URL, maxFiles: Int, maxBytes: Int) -> Result<[File], OutputProblem> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return .success([]) }
        guard names.count <= maxFiles else { return .failure(.init("more than \(maxFiles) output files (the limit)")) }
        var files: [File] = []
        var total = 0
        for name in names.sorted() {
            var status = stat()
            let path = folder.appendingPathComponent(name).path
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                return .failure(.init("output \(name) is not a regular file: write plain files into the output folder"))
            }
            guard isPlainName(name) else {
                return .failure(.init("output name \(name) is not allowed: use 1 to 128 characters of A-Z a-z 0-9 . _ - (not starting with .)"))
            }
            total += Int(status.st_size)
            guard total <= maxBytes else { return .failure(.init("output over \(maxBytes >> 20) MB (the limit)")) }
            let type = contentTypes[(name as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
            files.append(File(name: name, path: path, size: Int(status.st_size), contentType: type))
        }
        return .success(files)
    }

    static func isPlainName(_ name: String) -> Bool {
        (1...128).contains(name.utf8.count) && !name.hasPrefix(".")
            && name.utf8.allSatisfy { byte in
                (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 95 || byte == 46
            }
    }
}

/// Why a run's outputs are refused.
struct OutputProblem: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
