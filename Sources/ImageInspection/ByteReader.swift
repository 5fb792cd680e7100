/// A bounds-checked cursor over untrusted bytes: every read returns nil past the end.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, bytes.count - offset >= count else { return false }
        offset += count
        return true
    }

    /// Moves to an absolute offset, as TIFF's offsets (EXIF) require.
    mutating func seek(to position: Int) -> Bool {
        guard position >= 0, position <= bytes.count else { return false }
        offset = position
        return true
    }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func ascii(_ count: Int) -> String? {
        guard bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    mutating func bigEndian16() -> Int? { integer(2, bigEndian: true) }
    mutating func bigEndian32() -> Int? { integer(4, bigEndian: true) }
    mutating func littleEndian16() -> Int? { integer(2, bigEndian: false) }
    mutating func littleEndian24() -> Int? { integer(3, bigEndian: false) }
    mutating func littleEndian32() -> Int? { integer(4, bigEndian: false) }

    /// An unsigned integer of `width` bytes in the given byte order (TIFF says which in its header).
    mutating func integer(_ width: Int, bigEndian: Bool) -> Int? {
        guard bytes.count - offset >= width else { return nil }
        defer { offset += width }
        let range = offset..<offset + width
        let ordered = bigEndian ? Array(bytes[range]) : Array(bytes[range].reversed())
        return ordered.reduce(0) { $0 << 8 | Int($1) }
    }
}
