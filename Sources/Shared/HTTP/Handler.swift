/// One API function: a request in, a response out; throwing a `PeekError` answers with its JSON form.
public protocol Handler {
    func handle(_ request: Request) throws -> Response
}
