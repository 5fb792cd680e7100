import CZlibSystem
import Foundation
import PeekHTTP

/// The ZIP format (PKWARE APPNOTE 6.3), stored entries only, written forward to a stream: local
/// header, data, data descriptor per entry, then the central directory.
struct ZipWriter {
    private struct Entry {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt64
        let offset: UInt64
        let time: UInt16
        let date: UInt16
    }

    private let writer: BodyWriter
    private var offset: UInt64 = 0
    private var entries: [Entry] = []

    init(writer: BodyWriter) {
        self.writer = writer
    }

    /// One entry whose bytes `content` hands over in pieces. Entries are below 4 GiB (uploads are).
    mutating func add(name: String, modified: Double, content: ((Data) throws -> Void) throws -> Void) throws {
        let nameBytes = Array(name.utf8)
        let (time, date) = Self.dosTime(modified)
        let start = offset
        var header = Bytes()
        header.u32(0x0403_4b50)
        header.u16(20)            // version needed: 2.0
        header.u16(0x0808)        // sizes in a data descriptor; UTF-8 names
        header.u16(0)             // stored
        header.u16(time)
        header.u16(date)
        header.u32(0); header.u32(0); header.u32(0)
        header.u16(UInt16(nameBytes.count))
        header.u16(0)
        header.append(nameBytes)
        try emit(header.data)
        var crc: uLong = crc32(0, nil, 0)
        var size: UInt64 = 0
        try content { chunk in
            crc = chunk.withUnsafeBytes { crc32(crc, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
            size += UInt64(chunk.count)
            try emit(chunk)
        }
        var descriptor = Bytes()
        descriptor.u32(0x0807_4b50)
        descriptor.u32(UInt32(crc))
        descriptor.u32(UInt32(size))
        descriptor.u32(UInt32(size))
        try emit(descriptor.data)
        entries.append(Entry(name: nameBytes, crc: UInt32(crc), size: size, offset: start, time: time, date: date))
    }

    /// The central directory and its end records.
    mutating func finish() throws {
        let directoryStart = offset
        for entry in entries {
            let far = entry.offset >= 0xFFFF_FFFF
            var record = Bytes()
            record.u32(0x0201_4b50)
            record.u16(0x031E)    // made by: Unix, 3.0
            record.u16(far ? 45 : 20)
            record.u16(0x0808)
            record.u16(0)
            record.u16(entry.time)
            record.u16(entry.date)
            record.u32(entry.crc)
            record.u32(UInt32(entry.size))
            record.u32(UInt32(entry.size))
            record.u16(UInt16(entry.name.count))
            record.u16(far ? 12 : 0)
            record.u16(0)         // comment
            record.u16(0)         // disk
            record.u16(0)         // internal attributes
            record.u32(0o100644 << 16)
            record.u32(far ? 0xFFFF_FFFF : UInt32(entry.offset))
            record.append(entry.name)
            if far {
                record.u16(0x0001); record.u16(8); record.u64(entry.offset)
            }
            try emit(record.data)
        }
        let directorySize = offset - directoryStart
        let needsZip64 = directoryStart >= 0xFFFF_FFFF || entries.count >= 0xFFFF
        var end = Bytes()
        if needsZip64 {
            let zip64End = offset
            end.u32(0x0606_4b50); end.u64(44); end.u16(0x031E); end.u16(45); end.u32(0); end.u32(0)
            end.u64(UInt64(entries.count)); end.u64(UInt64(entries.count)); end.u64(directorySize); end.u64(directoryStart)
            end.u32(0x0706_4b50); end.u32(0); end.u64(zip64End); end.u32(1)
        }
        end.u32(0x0605_4b50)
        end.u16(0); end.u16(0)
        end.u16(needsZip64 ? 0xFFFF : UInt16(entries.count))
        end.u16(needsZip64 ? 0xFFFF : UInt16(entries.count))
        end.u32(needsZip64 ? 0xFFFF_FFFF : UInt32(directorySize))
        end.u32(needsZip64 ? 0xFFFF_FFFF : UInt32(directoryStart))
        end.u16(0)
        try emit(end.data)
    }

    private mutating func emit(_ data: Data) throws {
        try writer.write(data)
        offset += UInt64(data.count)
    }

    /// MS-DOS time and date (local to nobody: UTC), as ZIP keeps them.
    private static func dosTime(_ seconds: Double) -> (UInt16, UInt16) {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let year = max(0, Int(parts.tm_year) + 1900 - 1980)
        return (UInt16(parts.tm_hour << 11 | parts.tm_min << 5 | parts.tm_sec / 2),
                UInt16(year << 9 | Int(parts.tm_mon + 1) << 5 | Int(parts.tm_mday)))
    }
}

/// Little-endian fields for ZIP records.
private struct Bytes {
    var data = Data()

    mutating func u16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    mutating func append(_ bytes: [UInt8]) { data.append(contentsOf: bytes) }
}
