/// What went wrong with one file of a request that carries several: the client reads which file
/// (1-based, and its name) before the message.
public struct FileError: Error {
    public let number: Int
    public let filename: String?
    public let underlying: any Error

    public init(number: Int, filename: String?, underlying: any Error) {
        self.number = number
        self.filename = filename
        self.underlying = underlying
    }
}
