/// The image types Peek accepts, recognised by their first bytes, never by file name. The raw
/// values are the names the original Peek (Pillow) reported, kept so results stay comparable.
public enum ImageFormat: String, CaseIterable, Codable, Sendable {
    case png = "PNG"
    case jpeg = "JPEG"
    case gif = "GIF"
    case bmp = "BMP"
    case webp = "WEBP"

    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .bmp: "image/bmp"
        case .webp: "image/webp"
        }
    }

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        default: rawValue.lowercased()
        }
    }

    /// The format whose signature starts `bytes`, if any.
    public static func sniff(_ bytes: UnsafeRawBufferPointer) -> ImageFormat? {
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + signature.count
                && signature.indices.allSatisfy { bytes[offset + $0] == signature[$0] }
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("BM".utf8)) && bytes.count >= 26 { return .bmp }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        return nil
    }
}

extension ImageFormat {
    /// The longest side Peek can analyse in this format. Every analysis ends by writing the
    /// annotated copy as a JPEG, and libjpeg writes (and reads) at most 65,500 px a side; that
    /// is the bound for every format whose own decoder goes further (OpenCV's PNG and BMP
    /// readers: 2^20, GIF: 65,535). WebP's bitstreams cannot exceed 16,384 (lossless; lossy:
    /// 16,383), so only an extended header's canvas can declare more, and libwebp refuses a
    /// still image whose canvas differs from its frame.
    public var maxSide: Int {
        switch self {
        case .webp: 16_384
        case .png, .jpeg, .gif, .bmp: 65_500
        }
    }
}
