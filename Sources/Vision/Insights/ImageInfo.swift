import ImageInspection

/// Size of the upright decoded image and the format its bytes were in.
public struct ImageInfo: Codable, Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var format: ImageFormat

    public init(width: Int, height: Int, format: ImageFormat) {
        self.width = width
        self.height = height
        self.format = format
    }
}
