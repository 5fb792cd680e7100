import ImageInspection

/// Finds the EXIF orientation in a JPEG (APP1), PNG (eXIf) or WebP (EXIF chunk) without
/// decoding anything. GIF and BMP carry none. Every offset is checked against the bytes.
enum ExifOrientationReader {
    enum Outcome: Equatable {
        case found(ExifOrientation)
        /// No EXIF at all (upright).
        case absent
        /// The bytes end before the place the tag may be in: read more of the file.
        case needsMoreBytes
    }

    static func read(_ bytes: [UInt8], format: ImageFormat) -> Outcome {
        switch format {
        case .jpeg: jpeg(bytes)
        case .png: png(bytes)
        case .webp: webp(bytes)
        case .gif, .bmp: .absent
        }
    }

    private static func jpeg(_ bytes: [UInt8]) -> Outcome {
        var offset = 2
        while true {
            guard offset + 4 <= bytes.count else { return .needsMoreBytes }
            guard bytes[offset] == 0xFF else { return .absent }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            // Start of scan or of frame: EXIF comes before both.
            if marker == 0xDA || marker == 0xD9 || (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                return .absent
            }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2 else { return .absent }
            let payload = offset + 4
            let end = offset + 2 + length
            guard end <= bytes.count else { return .needsMoreBytes }
            if marker == 0xE1, end - payload >= 6, Array(bytes[payload..<payload + 6]) == exifHeader {
                let outcome = tiff(Array(bytes[payload + 6..<end]))
                if outcome != .absent { return outcome }
            }
            offset = end
        }
    }

    private static func png(_ bytes: [UInt8]) -> Outcome {
        var offset = 8
        while true {
            guard offset + 8 <= bytes.count else { return .needsMoreBytes }
            let length = bigEndian(bytes, offset, 4)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            // eXIf must precede the image data.
            if type == "IDAT" || type == "IEND" { return .absent }
            let data = offset + 8
            guard length <= Int(Int32.max), data + length + 4 <= bytes.count else { return .needsMoreBytes }
            if type == "eXIf" { return tiff(withoutExifHeader(Array(bytes[data..<data + length]))) }
            offset = data + length + 4
        }
    }

    private static func webp(_ bytes: [UInt8]) -> Outcome {
        guard bytes.count >= 21 else { return .needsMoreBytes }
        // Only the extended format (VP8X) carries metadata; its flags say whether EXIF is there.
        guard String(decoding: bytes[12..<16], as: UTF8.self) == "VP8X", bytes[20] & 0x08 != 0 else { return .absent }
        var offset = 12
        while true {
            guard offset + 8 <= bytes.count else { return .needsMoreBytes }
            let type = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let length = littleEndian32(bytes, offset + 4)
            let data = offset + 8
            if type == "EXIF" {
                guard data + length <= bytes.count else { return .needsMoreBytes }
                return tiff(withoutExifHeader(Array(bytes[data..<data + length])))
            }
            offset = data + length + length % 2
        }
    }

    private static let exifHeader: [UInt8] = Array("Exif".utf8) + [0, 0]

    /// Some writers put JPEG's "Exif\0\0" before the TIFF data of PNG and WebP too.
    private static func withoutExifHeader(_ bytes: [UInt8]) -> [UInt8] {
        bytes.starts(with: exifHeader) ? Array(bytes.dropFirst(6)) : bytes
    }

    /// Tag 0x0112 of the first image directory of TIFF data (read by ImageInspection, which
    /// reads it for the analysis too); a missing or odd tag means upright.
    private static func tiff(_ bytes: [UInt8]) -> Outcome {
        .found(bytes.withUnsafeBytes { ExifOrientation(tiff: $0) })
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> Int {
        bytes[offset..<offset + width].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian32(_ bytes: [UInt8], _ offset: Int) -> Int {
        bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
