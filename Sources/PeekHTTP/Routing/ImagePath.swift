import PeekCore

/// Pulls the image id (and what follows it) out of a route path such as `/api/results/ID`,
/// rejecting anything that is not exactly an id, so no request text ever becomes a file path.
public enum ImagePath {
    /// The path components after `prefix`. Bytes, not characters: a combining mark or an emoji
    /// modifier right after a `/` would make one character of both and hide the separator.
    public static func components(of path: String, after prefix: String) throws(RequestError) -> [Substring] {
        guard let rest = remainder(of: path, after: prefix) else { throw .noSuchRoute(path: path) }
        return rest.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { Substring(String(decoding: $0, as: UTF8.self)) }
    }

    /// What follows `prefix` in `path`, compared byte by byte; nil when `path` does not start with it.
    public static func remainder(of path: String, after prefix: String) -> String? {
        guard path.utf8.starts(with: prefix.utf8) else { return nil }
        return String(decoding: path.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    public static func validatedID(_ text: Substring) throws(RequestError) -> String {
        guard ImageID.isValid(text) else { throw .malformedImageID }
        return String(text)
    }
}
