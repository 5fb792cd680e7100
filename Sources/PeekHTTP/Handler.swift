/// One API function: a request in, a response out. What it throws is answered by `PublicError`'s
/// mapping of that error.
public protocol Handler {
    func handle(_ request: Request) throws -> Response
}
