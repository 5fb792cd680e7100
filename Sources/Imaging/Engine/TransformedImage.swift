import Foundation

/// An encoded result.
public struct TransformedImage: Equatable, Sendable {
    public let data: Data
    public let format: OutputFormat
    public let width: Int
    public let height: Int

    public init(data: Data, format: OutputFormat, width: Int, height: Int) {
        self.data = data
        self.format = format
        self.width = width
        self.height = height
    }

    public var contentType: String { format.contentType }
}
