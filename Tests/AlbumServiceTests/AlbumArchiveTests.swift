import AlbumService
import CZlibSystem
import Foundation
import PeekCore
import PeekHTTP
import PeekStore
import PeekTestSupport
import Testing

@Suite struct AlbumArchiveTests {
    /// The entries of a ZIP read through its central directory: name, and the bytes its local
    /// header points at, checked against the CRC the directory records.
    private func entries(of zip: Data) throws -> [(name: String, bytes: Data)] {
        let bytes = [UInt8](zip)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        #expect(u32(end) == 0x0605_4b50)
        let count = u16(end + 10)
        var cursor = u32(end + 16)
        var result: [(String, Data)] = []
        for _ in 0..<count {
            #expect(u32(cursor) == 0x0201_4b50)
            let crc = u32(cursor + 16), size = u32(cursor + 24), nameLength = u16(cursor + 28)
            let extra = u16(cursor + 30), comment = u16(cursor + 32), offset = u32(cursor + 42)
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            #expect(u32(offset) == 0x0403_4b50)
            let start = offset + 30 + u16(offset + 26) + u16(offset + 28)
            let content = Data(bytes[start..<(start + size)])
            let computed = content.withUnsafeBytes { crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
            #expect(Int(computed) == crc)
            result.append((name, content))
            cursor += 46 + nameLength + extra + comment
        }
        return result
    }

    private func archive(_ files: [(String?, String)]) throws -> [(name: String, bytes: Data)] {
        try withTemporaryDirectory { root in
            let directory = DataDirectory(root: root)
            try FileManager.default.createDirectory(at: directory.temporary, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: directory.blobs, withIntermediateDirectories: true)
            let blobs = LocalBlobStore(directory: directory)
            let photos = try files.map { name, content -> ImageRecord in
                var photo = ImageRecord.fixture(blobSHA256: try blobs.store(Data(content.utf8)))
                photo.originalFilename = name
                return photo
            }
            var zip = Data()
            try AlbumArchive(photos: photos, blobs: blobs).write(to: BodyWriter { zip.append($0); return true })
            return try entries(of: zip)
        }
    }

    @Test func everyOriginalIsAnEntryWithItsBytesAndCRC() throws {
        let big = String(repeating: "0123456789", count: 300_000)
        let entries = try archive([("cat.jpg", "meow"), ("big.png", big)])
        #expect(entries.map(\.name) == ["cat.jpg", "big.png"])
        #expect(entries.map { String(decoding: $0.bytes, as: UTF8.self) } == ["meow", big])
    }

    @Test func namesAreMadeUniqueAndSafe() throws {
        let entries = try archive([("cat.jpg", "1"), ("CAT.jpg", "2"), ("../../etc/passwd", "3"), (nil, "4"), (".hidden", "5")])
        #expect(entries[0].name == "cat.jpg")
        #expect(entries[1].name == "CAT-2.jpg")
        #expect(!entries[2].name.contains("/") && !entries[2].name.hasPrefix("."))
        #expect(entries[3].name.hasSuffix(".png") && entries[3].name.count == 22 + 4)
        #expect(entries[4].name == "hidden")
    }

    @Test func anEmptyAlbumIsAnEmptyButValidZip() throws {
        #expect(try archive([]).isEmpty)
    }

    @Test func aClientThatGoesAwayStopsTheStream() throws {
        try withTemporaryDirectory { root in
            let directory = DataDirectory(root: root)
            try FileManager.default.createDirectory(at: directory.temporary, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: directory.blobs, withIntermediateDirectories: true)
            let blobs = LocalBlobStore(directory: directory)
            let photo = ImageRecord.fixture(blobSHA256: try blobs.store(Data("x".utf8)))
            var writes = 0
            #expect(throws: ResponseError.self) {
                try AlbumArchive(photos: [photo, photo], blobs: blobs).write(to: BodyWriter { _ in writes += 1; return writes < 2 })
            }
            #expect(writes == 2)
        }
    }
}
