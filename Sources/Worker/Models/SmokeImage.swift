import CZlibSystem
import Foundation

/// The picture a build's smoke run is given: a small RGB gradient as a PNG, made here (zlib
/// compresses, the chunk checksums are zlib's CRC-32) so the smoke run needs no file of its own.
enum SmokeImage {
    static let side = 64

    static func png() -> Data {
        var rows: [UInt8] = []
        for y in 0..<side {
            rows.append(0)  // filter type: none
            for x in 0..<side { rows += [UInt8(x * 4), UInt8(y * 4), UInt8((x + y) * 2)] }
        }
        var compressed = [UInt8](repeating: 0, count: Int(compressBound(uLong(rows.count))))
        var length = uLongf(compressed.count)
        _ = compress(&compressed, &length, rows, uLong(rows.count))
        var header: [UInt8] = []
        header += bigEndian(UInt32(side)) + bigEndian(UInt32(side)) + [8, 2, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", header) + chunk("IDAT", Array(compressed[..<Int(length)])) + chunk("IEND", [])
        return Data(png)
    }

    private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        let checksum = UInt32(crc32(0, typed, uInt(typed.count)))
        return bigEndian(UInt32(body.count)) + typed + bigEndian(checksum)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
