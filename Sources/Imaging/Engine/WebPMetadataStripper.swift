import Foundation

/// Removes the EXIF and XMP chunks from a WebP file. libvips 8.14.1 (Debian 12) writes an EXIF
/// chunk even when asked to strip, carrying the source's orientation: a viewer would then turn
/// pixels that are already upright.
enum WebPMetadataStripper {
    private static let exifFlag: UInt8 = 0x08
    private static let xmpFlag: UInt8 = 0x04

    /// `webp` unchanged when it is not an extended-format WebP holding metadata.
    static func stripped(_ webp: Data) -> Data {
        let bytes = [UInt8](webp)
        guard bytes.count >= 30, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8),
              bytes[12..<16].elementsEqual("VP8X".utf8), bytes[20] & (exifFlag | xmpFlag) != 0 else { return webp }
        var kept: [UInt8] = Array("WEBP".utf8)
        var offset = 12
        while offset + 8 <= bytes.count {
            let length = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let end = offset + 8 + length + length % 2
            guard end <= bytes.count else { return webp }
            let type = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            if type != "EXIF" && type != "XMP " { kept += bytes[offset..<end] }
            offset = end
        }
        // The flags byte is the first of VP8X's payload, right after "WEBP", the fourcc and the length.
        kept[12] &= ~(exifFlag | xmpFlag)
        let size = kept.count
        return Data(Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)] + kept)
    }
}
