/// Pulls the image id (and what follows it) out of a route path such as `/api/results/ID`,
/// rejecting anything that is not exactly an id, so no request text ever becomes a file path.
public enum ImagePath {
    /// The path components after `prefix`; 404 when the prefix does not match.
    public static func components(of path: String, after prefix: String) throws -> [Substring] {
        guard path.hasPrefix(prefix) else { throw PeekError.notFound("no such route: \(path)") }
        return path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
    }

    /// 400 for text that cannot be an id.
    public static func validatedID(_ text: Substring) throws -> String {
        guard ImageID.isValid(text) else {
            throw PeekError.badRequest("malformed image id: ids are \(ImageID.length) characters of A-Z a-z 0-9 - _")
        }
        return String(text)
    }
}
