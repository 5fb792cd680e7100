/// A setting that cannot be used; the process refuses to start with it.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
