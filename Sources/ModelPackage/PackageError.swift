/// What is wrong with an uploaded model package; each case's description is the 400's message.
public enum PackageError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAZip
    case empty
    case noPredictScript
    /// predict.py sits in a folder (the usual mistake: the folder was zipped rather than its contents).
    case predictScriptInFolder(String)
    case absolutePath(String)
    case parentPath(String)
    case link(String)
    case unsupportedEntry(String)
    case tooManyEntries(count: Int, limit: Int)
    case tooLargeUnpacked(limit: Int)
    case compressionRatio(entry: String, limit: Int)
    /// A line of requirements.txt that is not a package from the index by name: an option (`-i`,
    /// `--extra-index-url`, `-r`, `-e`…), a URL or a path would make pip fetch from anywhere.
    case requirementNotByName(line: Int, text: String)
    case requirementsTooLarge(limit: Int)
    /// An entry's data does not match what the archive says of it (size or checksum).
    case damaged(String)

    public var description: String {
        switch self {
        case .notAZip: "the package is not a ZIP file"
        case .empty: "the package ZIP is empty"
        case .noPredictScript: "the package has no predict.py at the root of the ZIP"
        case .predictScriptInFolder(let folder): "predict.py is inside folder \(folder)/: put it at the root of the ZIP"
        case .absolutePath(let path): "the package holds an absolute path (\(path)): paths must be relative"
        case .parentPath(let path): "the package holds a path that leaves its folder (\(path)): no .. in paths"
        case .link(let path): "the package holds a link (\(path)): links are not allowed"
        case .unsupportedEntry(let path): "the package holds \(path), which is neither a file nor a folder"
        case .tooManyEntries(let count, let limit): "the package has \(count) entries; the limit is \(limit)"
        case .tooLargeUnpacked(let limit): "the package is larger than \(limit / 1_000_000) MB unpacked"
        case .compressionRatio(let entry, let limit):
            "\(entry) is compressed more than \(limit) to 1 (a ZIP bomb?); the limit is \(limit)"
        case .requirementNotByName(let line, let text):
            "requirements.txt line \(line) (\(text.prefix(80))): list packages by name from PyPI (name==version); options, URLs and paths are not allowed"
        case .requirementsTooLarge(let limit): "requirements.txt is larger than \(limit / 1024) KiB"
        case .damaged(let detail): "the package ZIP is damaged: \(detail)"
        }
    }
}
