import Foundation

/// The marker structure of a JPEG, walked forwards the way libjpeg reads it: SOI, then segments,
/// each skipped by its declared length (so the markers of an EXIF thumbnail are never taken for
/// the image's own), and after each start-of-scan its entropy-coded data up to the next marker,
/// until EOI. Bytes after EOI (the video of a motion photo, the second picture of an MPF file)
/// are no part of the image, whatever markers they happen to hold.
public struct JPEGLayout: Equatable, Sendable {
    /// The start-of-scan markers before EOI. libjpeg makes one pass over the image's blocks for
    /// each, so the count, times the pixels, measures the decoding work a progressive file asks for.
    public let scanCount: Int
    /// The bytes the JPEG proper takes, up to and including its EOI marker; nil when the data
    /// ends first, or a segment's length runs past it or is shorter than its own two bytes.
    public let length: Int?
    /// Where, in the bytes, the TIFF structure of the first EXIF APP1 segment lies.
    public let exif: Range<Int>?

    public init(scanCount: Int, length: Int?, exif: Range<Int>?) {
        self.scanCount = scanCount
        self.length = length
        self.exif = exif
    }

    /// Walks `bytes` from their SOI marker; data that does not start with SOI has no layout
    /// (no scans, no length). Never reads past the bytes.
    public init(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            self.init(scanCount: 0, length: nil, exif: nil)
            return
        }
        var scans = 0
        var exif: Range<Int>?
        var position = 2
        walk: while let (marker, next) = Self.marker(in: bytes, from: position) {
            position = next
            switch marker {
            case 0xD9:
                self.init(scanCount: scans, length: position, exif: exif)
                return
            case 0x01, 0xD0...0xD8:
                // Standalone markers: TEM, restart markers outside a scan, or a second SOI
                // (which libjpeg refuses by itself).
                continue walk
            default:
                guard let end = Self.segmentEnd(in: bytes, at: position) else { break walk }
                if marker == 0xE1, exif == nil { exif = Self.tiff(in: bytes, payload: position + 2..<end) }
                position = end
                if marker == 0xDA {
                    scans += 1
                    position = Self.entropyDataEnd(in: bytes, from: position)
                }
            }
        }
        self.init(scanCount: scans, length: nil, exif: exif)
    }

    /// The next marker at or after `position` and the offset just past it, as libjpeg's
    /// `next_marker` finds it: bytes before an FF are skipped, FF fill bytes are swallowed, and
    /// a stuffed FF 00 is no marker.
    private static func marker(in bytes: UnsafeRawBufferPointer, from position: Int) -> (UInt8, Int)? {
        var search = position
        while let prefix = firstFF(in: bytes, from: search) {
            var next = prefix + 1
            while next < bytes.count, bytes[next] == 0xFF { next += 1 }
            guard next < bytes.count else { return nil }
            if bytes[next] != 0x00 { return (bytes[next], next + 1) }
            search = next + 1
        }
        return nil
    }

    /// Where the segment whose length field starts at `position` ends.
    private static func segmentEnd(in bytes: UnsafeRawBufferPointer, at position: Int) -> Int? {
        guard bytes.count - position >= 2 else { return nil }
        let length = Int(bytes[position]) << 8 | Int(bytes[position + 1])
        guard length >= 2, bytes.count - position >= length else { return nil }
        return position + length
    }

    /// The offset of the FF that starts the first marker after a scan's entropy-coded data: FF 00
    /// (a stuffed FF) and the restart markers RST0…RST7 belong to the data.
    private static func entropyDataEnd(in bytes: UnsafeRawBufferPointer, from position: Int) -> Int {
        var search = position
        while let prefix = firstFF(in: bytes, from: search) {
            var next = prefix + 1
            while next < bytes.count, bytes[next] == 0xFF { next += 1 }
            guard next < bytes.count else { break }
            guard bytes[next] == 0x00 || (0xD0...0xD7).contains(bytes[next]) else { return prefix }
            search = next + 1
        }
        return bytes.count
    }

    /// The TIFF structure an APP1 payload holds after its "Exif\0\0" signature (XMP also uses APP1).
    private static func tiff(in bytes: UnsafeRawBufferPointer, payload: Range<Int>) -> Range<Int>? {
        let signature: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]
        guard payload.count > signature.count,
              signature.indices.allSatisfy({ bytes[payload.lowerBound + $0] == signature[$0] }) else { return nil }
        return payload.lowerBound + signature.count..<payload.upperBound
    }

    /// memchr, because a 16 MiB upload is mostly entropy-coded data searched for FF.
    private static func firstFF(in bytes: UnsafeRawBufferPointer, from position: Int) -> Int? {
        guard position < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + position, 0xFF, bytes.count - position) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
