import Foundation

/// Format and stored size read from an image's first bytes, so limits are checked before any decoding.
struct ImageHeader: Equatable {
    var format: ImageInfo.Format
    /// As stored: before EXIF orientation, and the logical screen for a GIF.
    var width: Int
    var height: Int

    init(format: ImageInfo.Format, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// Reads the header; `VisionError.unsupportedFormat` for unknown bytes, `.undecodable` for a damaged header.
    init(sniffing data: Data) throws {
        let reader = ByteReader(data: data)
        guard let format = Self.format(of: reader) else { throw VisionError.unsupportedFormat }
        let size: (Int, Int)?
        switch format {
        case .png: size = reader.matches(12, "IHDR") ? (reader.bigEndian(16, 4), reader.bigEndian(20, 4)) : nil
        case .gif: size = (reader.littleEndian(6, 2), reader.littleEndian(8, 2))
        case .bmp: size = Self.bmpSize(reader)
        case .webp: size = Self.webpSize(reader)
        case .jpeg: size = Self.jpegSize(reader)
        }
        guard let (width, height) = size, width > 0, height > 0 else {
            throw VisionError.undecodable(detail: "\(format.rawValue) header holds no valid size")
        }
        self.init(format: format, width: width, height: height)
    }

    private static func format(of reader: ByteReader) -> ImageInfo.Format? {
        if reader.matches(0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if reader.matches(0, [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if reader.matches(0, "GIF87a") || reader.matches(0, "GIF89a") { return .gif }
        if reader.matches(0, "BM") { return .bmp }
        if reader.matches(0, "RIFF") && reader.matches(8, "WEBP") { return .webp }
        return nil
    }

    private static func bmpSize(_ reader: ByteReader) -> (Int, Int)? {
        // OS/2 headers (12 bytes) store 16-bit sizes; the others 32-bit, height negative when top-down.
        guard let headerSize = reader.value(14, 4, bigEndian: false) else { return nil }
        if headerSize == 12 { return (reader.littleEndian(18, 2), reader.littleEndian(20, 2)) }
        let height = Int32(truncatingIfNeeded: reader.littleEndian(22, 4))
        return (Int(Int32(truncatingIfNeeded: reader.littleEndian(18, 4))), Int(height.magnitude))
    }

    private static func webpSize(_ reader: ByteReader) -> (Int, Int)? {
        if reader.matches(12, "VP8 ") && reader.matches(23, [0x9D, 0x01, 0x2A]) {
            return (reader.littleEndian(26, 2) & 0x3FFF, reader.littleEndian(28, 2) & 0x3FFF)
        }
        if reader.matches(12, "VP8L") && reader.matches(20, [0x2F]) {
            let bits = reader.littleEndian(21, 4)
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        if reader.matches(12, "VP8X") {
            return (reader.littleEndian(24, 3) + 1, reader.littleEndian(27, 3) + 1)
        }
        return nil
    }

    /// Walks the marker segments up to the first start-of-frame.
    private static func jpegSize(_ reader: ByteReader) -> (Int, Int)? {
        var offset = 2
        while let marker = reader.value(offset, 2, bigEndian: true), marker >> 8 == 0xFF {
            let kind = marker & 0xFF
            if kind == 0xFF { offset += 1; continue }  // fill byte
            guard let length = reader.value(offset + 2, 2, bigEndian: true), length >= 2 else { return nil }
            // SOF0...SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(kind), ![0xC4, 0xC8, 0xCC].contains(kind) {
                return (reader.bigEndian(offset + 7, 2), reader.bigEndian(offset + 5, 2))
            }
            offset += 2 + length
        }
        return nil
    }
}

/// Bounds-checked reads at offsets from the start of a file; out-of-range reads give nil or 0.
private struct ByteReader {
    let data: Data

    private func bytes(_ offset: Int, _ count: Int) -> [UInt8]? {
        guard offset >= 0, count <= data.count - offset else { return nil }
        let start = data.startIndex + offset
        return Array(data[start..<start + count])
    }

    func matches(_ offset: Int, _ expected: [UInt8]) -> Bool {
        bytes(offset, expected.count) == expected
    }

    func matches(_ offset: Int, _ expected: String) -> Bool {
        matches(offset, Array(expected.utf8))
    }

    func value(_ offset: Int, _ count: Int, bigEndian: Bool) -> Int? {
        guard let slice = bytes(offset, count) else { return nil }
        return (bigEndian ? slice : slice.reversed()).reduce(0) { $0 << 8 | Int($1) }
    }

    func bigEndian(_ offset: Int, _ count: Int) -> Int { value(offset, count, bigEndian: true) ?? 0 }
    func littleEndian(_ offset: Int, _ count: Int) -> Int { value(offset, count, bigEndian: false) ?? 0 }
}
