import Foundation

/// The type and pixel size an image declares in its header, read without decoding anything,
/// so that a decompression bomb is refused before any decoder sees it.
public struct ImageHeader: Equatable, Sendable {
    public let format: ImageFormat
    public let width: Int
    public let height: Int

    /// The two sides, for messages that name the one past a limit.
    public enum Axis: Sendable {
        case width, height

        var adjective: String {
            switch self {
            case .width: "wide"
            case .height: "high"
            }
        }
    }

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// Reads the header of untrusted bytes, checking every offset against their length.
    public static func read(_ bytes: UnsafeRawBufferPointer) throws(ImageHeaderError) -> ImageHeader {
        guard let format = ImageFormat.sniff(bytes) else { throw .unsupportedFormat }
        var reader = ByteReader(bytes)
        let size: (width: Int, height: Int)?
        switch format {
        case .png: size = pngSize(&reader)
        case .jpeg: size = jpegSize(&reader)
        case .gif: size = gifSize(&reader)
        case .bmp: size = bmpSize(&reader)
        case .webp: size = webpSize(&reader)
        }
        guard let size, size.width > 0, size.height > 0 else { throw .damaged(format) }
        return ImageHeader(format: format, width: size.width, height: size.height)
    }

    public static func read(_ data: Data) throws(ImageHeaderError) -> ImageHeader {
        do {
            return try data.withUnsafeBytes { bytes in try read(bytes) }
        } catch let error as ImageHeaderError {
            throw error
        } catch {
            throw .unsupportedFormat
        }
    }

    /// True when the declared size is over `maxPixels`: a decompression bomb, refused before decoding.
    public func exceeds(maxPixels: Int) -> Bool {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow || pixels > maxPixels
    }

    /// Throws `.sideTooLong` for the first side longer than the format's `maxSide`.
    public func checkSides() throws(ImageHeaderError) {
        for (axis, length) in [(Axis.width, width), (.height, height)] where length > format.maxSide {
            throw .sideTooLong(axis, length: length, limit: format.maxSide)
        }
    }

    private static func pngSize(_ reader: inout ByteReader) -> (Int, Int)? {
        guard reader.skip(8), reader.bigEndian32() == 13, reader.ascii(4) == "IHDR",
              let width = reader.bigEndian32(), let height = reader.bigEndian32() else { return nil }
        return (width, height)
    }

    private static func jpegSize(_ reader: inout ByteReader) -> (Int, Int)? {
        guard reader.skip(2) else { return nil }
        while let prefix = reader.byte() {
            guard prefix == 0xFF, var marker = reader.byte() else { return nil }
            while marker == 0xFF { guard let next = reader.byte() else { return nil }; marker = next }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }
            guard marker != 0xD9, marker != 0xDA, let length = reader.bigEndian16(), length >= 2 else { return nil }
            let isFrameHeader = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrameHeader {
                guard reader.skip(1), let height = reader.bigEndian16(), let width = reader.bigEndian16() else { return nil }
                return (width, height)
            }
            guard reader.skip(length - 2) else { return nil }
        }
        return nil
    }

    private static func gifSize(_ reader: inout ByteReader) -> (Int, Int)? {
        guard reader.skip(6), let width = reader.littleEndian16(), let height = reader.littleEndian16() else { return nil }
        return (width, height)
    }

    private static func bmpSize(_ reader: inout ByteReader) -> (Int, Int)? {
        guard reader.skip(14), let headerSize = reader.littleEndian32() else { return nil }
        if headerSize == 12 {
            guard let width = reader.littleEndian16(), let height = reader.littleEndian16() else { return nil }
            return (width, height)
        }
        guard headerSize >= 40, let width = reader.littleEndian32(), let height = reader.littleEndian32() else { return nil }
        // Height is a signed 32-bit value; negative means the rows are stored top-down.
        return (Int(Int32(truncatingIfNeeded: width)), abs(Int(Int32(truncatingIfNeeded: height))))
    }

    private static func webpSize(_ reader: inout ByteReader) -> (Int, Int)? {
        guard reader.skip(12), let chunk = reader.ascii(4), reader.skip(4) else { return nil }
        switch chunk {
        case "VP8 ":
            guard reader.skip(3), reader.byte() == 0x9D, reader.byte() == 0x01, reader.byte() == 0x2A,
                  let width = reader.littleEndian16(), let height = reader.littleEndian16() else { return nil }
            return (width & 0x3FFF, height & 0x3FFF)
        case "VP8L":
            guard reader.byte() == 0x2F, let bits = reader.littleEndian32() else { return nil }
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            guard reader.skip(4), let width = reader.littleEndian24(), let height = reader.littleEndian24() else { return nil }
            return (width + 1, height + 1)
        default:
            return nil
        }
    }
}
