/// Size of the upright decoded image and the format its bytes were in.
public struct ImageInfo: Codable, Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var format: Format

    public init(width: Int, height: Int, format: Format) {
        self.width = width
        self.height = height
        self.format = format
    }

    /// The image formats Peek accepts, named as the original Peek (Pillow) reported them.
    public enum Format: String, Codable, Sendable, CaseIterable {
        case png = "PNG"
        case jpeg = "JPEG"
        case gif = "GIF"
        case bmp = "BMP"
        case webp = "WEBP"
    }
}
