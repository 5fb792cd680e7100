import Foundation

public enum ImageBytes {
    public static func bigEndian16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    public static func bigEndian32(_ value: Int) -> [UInt8] { bigEndian16(value >> 16 & 0xFFFF) + bigEndian16(value & 0xFFFF) }
    public static func littleEndian16(_ value: Int) -> [UInt8] { bigEndian16(value).reversed() }
    public static func littleEndian24(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF)] }
    public static func littleEndian32(_ value: Int) -> [UInt8] { bigEndian32(value).reversed() }

    public static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Signature and IHDR chunk (8-bit RGBA); the CRC is not checked by the header reader.
    public static func png(width: Int, height: Int, chunkType: String = "IHDR", chunkLength: Int = 13) -> [UInt8] {
        pngSignature + bigEndian32(chunkLength) + Array(chunkType.utf8)
            + bigEndian32(width) + bigEndian32(height) + [8, 6, 0, 0, 0] + [0xDE, 0xAD, 0xBE, 0xEF]
    }

    /// A JPEG segment: marker and big-endian length (which counts itself) followed by `payload`.
    public static func jpegSegment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + bigEndian16(payload.count + 2) + payload
    }

    /// SOI, JFIF APP0, EXIF APP1, a quantisation table and a Huffman table (DHT's marker C4 is in
    /// the SOF range but is not a frame header), all before the frame header.
    public static let jpegPreamble: [UInt8] = {
        let app0 = jpegSegment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        // A little-endian TIFF header with bytes that look like markers inside the payload.
        let app1 = jpegSegment(0xE1, Array("Exif".utf8) + [0, 0] + Array("II".utf8) + [0x2A, 0, 8, 0, 0, 0]
                                   + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0xFF, 0xD9])
        let dqt = jpegSegment(0xDB, [0] + Array(repeating: 1, count: 64))
        let dht = jpegSegment(0xC4, [0x00] + Array(repeating: 0, count: 15) + [0x7F, 0x7F, 0x7F, 0x7F])
        return [0xFF, 0xD8] + app0 + app1 + dqt + dht
    }()

    /// A frame header (SOF0 baseline by default, 0xC2 for progressive) with three components.
    public static func jpegFrameHeader(marker: UInt8 = 0xC0, width: Int, height: Int) -> [UInt8] {
        jpegSegment(marker, [8] + bigEndian16(height) + bigEndian16(width)
                            + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
    }

    public static func jpeg(marker: UInt8 = 0xC0, width: Int, height: Int) -> [UInt8] {
        jpegPreamble + jpegFrameHeader(marker: marker, width: width, height: height)
            + jpegSegment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + [0x12, 0x34, 0xFF, 0xD9]
    }

    /// Signature and logical screen descriptor.
    public static func gif(_ version: String = "89a", width: Int, height: Int) -> [UInt8] {
        Array("GIF\(version)".utf8) + littleEndian16(width) + littleEndian16(height) + [0xF7, 0, 0]
    }

    /// File header and a BITMAPINFOHEADER (40 bytes); a negative height means top-down rows.
    public static func bmp(width: Int, height: Int) -> [UInt8] {
        let info = littleEndian32(40) + littleEndian32(width) + littleEndian32(Int(UInt32(bitPattern: Int32(height))))
            + littleEndian16(1) + littleEndian16(24) + Array(repeating: 0, count: 24)
        return bmpFileHeader(infoSize: info.count) + info
    }

    /// File header and an OS/2 BITMAPCOREHEADER (12 bytes, 16-bit dimensions).
    public static func bmpCore(width: Int, height: Int) -> [UInt8] {
        bmpFileHeader(infoSize: 12) + littleEndian32(12) + littleEndian16(width) + littleEndian16(height)
            + littleEndian16(1) + littleEndian16(24)
    }

    private static func bmpFileHeader(infoSize: Int) -> [UInt8] {
        Array("BM".utf8) + littleEndian32(14 + infoSize) + [0, 0, 0, 0] + littleEndian32(14 + infoSize)
    }

    /// RIFF container with one chunk.
    public static func webp(chunk: String, _ payload: [UInt8]) -> [UInt8] {
        Array("RIFF".utf8) + littleEndian32(4 + 8 + payload.count) + Array("WEBP".utf8)
            + Array(chunk.utf8) + littleEndian32(payload.count) + payload
    }

    /// Lossy: frame tag, start code, 14-bit dimensions with 2 scale bits above them.
    public static func webpVP8(width: Int, height: Int, scaleBits: Int = 0) -> [UInt8] {
        webp(chunk: "VP8 ", [0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A]
                + littleEndian16(width | scaleBits << 14) + littleEndian16(height | scaleBits << 14) + [0, 0])
    }

    /// Lossless: signature byte 0x2F then width-1 and height-1 in 14 bits each.
    public static func webpVP8L(width: Int, height: Int) -> [UInt8] {
        webp(chunk: "VP8L", [0x2F] + littleEndian32((width - 1) | (height - 1) << 14 | 1 << 28) + [0, 0, 0])
    }

    /// Extended: flags, three reserved bytes, then 24-bit canvas width-1 and height-1.
    public static func webpVP8X(width: Int, height: Int) -> [UInt8] {
        webp(chunk: "VP8X", [0x10, 0, 0, 0] + littleEndian24(width - 1) + littleEndian24(height - 1))
    }
}

