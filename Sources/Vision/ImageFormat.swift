/// The image formats Peek accepts, named as the original Peek (Pillow) reported them.
public enum ImageFormat: String, Codable, Sendable, CaseIterable {
    case png = "PNG"
    case jpeg = "JPEG"
    case gif = "GIF"
    case bmp = "BMP"
    case webp = "WEBP"
}
