import PeekCore

/// Pulls the image id (and what follows it) out of a route path such as `/api/results/ID`,
/// rejecting anything that is not exactly an id, so no request text ever becomes a file path.
public enum ImagePath {
    /// The path components after `prefix`.
    public static func components(of path: String, after prefix: String) throws(RequestError) -> [Substring] {
        guard path.hasPrefix(prefix) else { throw .noSuchRoute(path: path) }
        return path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
    }

    public static func validatedID(_ text: Substring) throws(RequestError) -> String {
        guard ImageID.isValid(text) else { throw .malformedImageID }
        return String(text)
    }
}
