import Foundation
import ImageInspection
import Testing
@testable import Shared

// Fixtures shared by the Shared tests: temporary directories and databases, a manual clock,
// hand-built multipart bodies and image headers, a thread runner and a PeekError expectation.

// MARK: - Temporary directories and databases

/// Runs `body` with a fresh, empty directory that is removed afterwards, whatever happens.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("peek-shared-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Runs `body` with a migrated database in a fresh temporary directory; `path` lets the test
/// open more connections to the same file.
func withDatabase<T>(_ body: (_ database: PeekDatabase, _ path: String) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let path = directory.appendingPathComponent("peek.sqlite").path
        return try body(try PeekDatabase(path: path), path)
    }
}

/// Runs `body` with a job queue over a fresh database whose clock the test moves by hand.
func withQueue<T>(leaseSeconds: Double = 30, maxAttempts: Int = 3,
                  _ body: (_ queue: JobQueue, _ clock: ManualClock) throws -> T) throws -> T {
    try withDatabase { database, _ in
        let clock = ManualClock()
        let queue = JobQueue(database: database, leaseSeconds: leaseSeconds, maxAttempts: maxAttempts,
                             now: { clock.now })
        return try body(queue, clock)
    }
}

/// Every regular file below `directory`, as paths relative to it, sorted.
func regularFiles(under directory: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = directory.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
            files.append(relative)
        }
    }
    return files.sorted()
}

/// A clock for `JobQueue(now:)` that only moves when the test says so.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double

    init(_ start: Double = 1_000_000) {
        time = start
    }

    var now: Double {
        lock.lock(); defer { lock.unlock() }
        return time
    }

    func advance(by seconds: Double) {
        lock.lock(); defer { lock.unlock() }
        time += seconds
    }
}

extension ImageRecord {
    /// A 1×1 PNG upload, as fn-analyze would insert it.
    static func fixture(id: String = ImageID.generate(), createdAt: Double = 1_000_000,
                        blobSHA256: String = String(repeating: "ab", count: 32)) -> ImageRecord {
        ImageRecord(id: id, blobSHA256: blobSHA256, header: ImageHeader(format: .png, width: 1, height: 1),
                    byteSize: 67, originalFilename: "pixel.png", createdAt: createdAt)
    }
}

// MARK: - Concurrency

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value {
        lock.lock(); defer { lock.unlock() }
        return stored
    }

    func mutate(_ change: (inout Value) -> Void) {
        lock.lock(); defer { lock.unlock() }
        change(&stored)
    }
}

/// Runs `body` on `count` dedicated threads released at the same moment, waits for all of them
/// and rethrows the first error any of them threw.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (_ index: Int) throws -> Void) throws {
    let start = DispatchSemaphore(value: 0)
    let finished = DispatchGroup()
    let errors = Locked<[Error]>([])
    for index in 0..<count {
        finished.enter()
        let thread = Thread {
            start.wait()
            do { try body(index) } catch { errors.mutate { $0.append(error) } }
            finished.leave()
        }
        thread.start()
    }
    for _ in 0..<count { start.signal() }
    finished.wait()
    if let first = errors.value.first { throw first }
}

// MARK: - Errors

/// Expects `body` to throw a `PeekError` with `status`, and returns it for further checks.
@discardableResult
func expectPeekError(_ status: HTTPStatus, sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () throws -> Void) -> PeekError? {
    let error = #expect(throws: PeekError.self, sourceLocation: sourceLocation) { try body() }
    #expect(error?.status == status, "got \(error.map { "\($0)" } ?? "no error")", sourceLocation: sourceLocation)
    return error
}

// MARK: - Multipart bodies

/// One part of a hand-built multipart/form-data body.
struct FormPart {
    var headers: [String]
    var body: [UInt8]

    /// A part with the usual Content-Disposition (and Content-Type when given).
    static func field(_ name: String, filename: String? = nil, contentType: String? = nil, body: [UInt8]) -> FormPart {
        var disposition = "Content-Disposition: form-data; name=\"\(name)\""
        if let filename { disposition += "; filename=\"\(filename)\"" }
        return FormPart(headers: [disposition] + (contentType.map { ["Content-Type: \($0)"] } ?? []), body: body)
    }

    static func field(_ name: String, value: String) -> FormPart {
        field(name, body: Array(value.utf8))
    }
}

/// The bytes of a multipart body: optional preamble, the parts, and the closing delimiter
/// (left out with `closed: false`, to make truncated bodies).
func multipartBody(boundary: String, _ parts: [FormPart], preamble: String? = nil, closed: Bool = true) -> [UInt8] {
    var bytes: [UInt8] = []
    if let preamble { bytes += Array("\(preamble)\r\n".utf8) }
    for part in parts {
        bytes += Array("--\(boundary)\r\n".utf8)
        for header in part.headers { bytes += Array("\(header)\r\n".utf8) }
        bytes += Array("\r\n".utf8)
        bytes += part.body
        bytes += Array("\r\n".utf8)
    }
    if closed { bytes += Array("--\(boundary)--\r\n".utf8) }
    return bytes
}

/// Parses `body` with a parser for `boundary`.
func parseMultipart(_ body: [UInt8], boundary: String,
                    configure: (inout MultipartParser) -> Void = { _ in }) throws -> [MultipartPart] {
    var parser = MultipartParser(boundary: boundary)
    configure(&parser)
    return try body.withUnsafeBytes { try parser.parse($0) }
}

// MARK: - Image headers, built by hand

/// Just enough of each format's header for `ImageHeader.read`; no third-party files.
enum ImageBytes {
    static func bigEndian16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func bigEndian32(_ value: Int) -> [UInt8] { bigEndian16(value >> 16 & 0xFFFF) + bigEndian16(value & 0xFFFF) }
    static func littleEndian16(_ value: Int) -> [UInt8] { bigEndian16(value).reversed() }
    static func littleEndian24(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF)] }
    static func littleEndian32(_ value: Int) -> [UInt8] { bigEndian32(value).reversed() }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Signature and IHDR chunk (8-bit RGBA); the CRC is not checked by the header reader.
    static func png(width: Int, height: Int, chunkType: String = "IHDR", chunkLength: Int = 13) -> [UInt8] {
        pngSignature + bigEndian32(chunkLength) + Array(chunkType.utf8)
            + bigEndian32(width) + bigEndian32(height) + [8, 6, 0, 0, 0] + [0xDE, 0xAD, 0xBE, 0xEF]
    }

    /// A JPEG segment: marker and big-endian length (which counts itself) followed by `payload`.
    static func jpegSegment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + bigEndian16(payload.count + 2) + payload
    }

    /// SOI, JFIF APP0, EXIF APP1, a quantisation table and a Huffman table (DHT's marker C4 is in
    /// the SOF range but is not a frame header), all before the frame header.
    static let jpegPreamble: [UInt8] = {
        let app0 = jpegSegment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        // A little-endian TIFF header with bytes that look like markers inside the payload.
        let app1 = jpegSegment(0xE1, Array("Exif".utf8) + [0, 0] + Array("II".utf8) + [0x2A, 0, 8, 0, 0, 0]
                                   + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0xFF, 0xD9])
        let dqt = jpegSegment(0xDB, [0] + Array(repeating: 1, count: 64))
        let dht = jpegSegment(0xC4, [0x00] + Array(repeating: 0, count: 15) + [0x7F, 0x7F, 0x7F, 0x7F])
        return [0xFF, 0xD8] + app0 + app1 + dqt + dht
    }()

    /// A frame header (SOF0 baseline by default, 0xC2 for progressive) with three components.
    static func jpegFrameHeader(marker: UInt8 = 0xC0, width: Int, height: Int) -> [UInt8] {
        jpegSegment(marker, [8] + bigEndian16(height) + bigEndian16(width)
                            + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
    }

    static func jpeg(marker: UInt8 = 0xC0, width: Int, height: Int) -> [UInt8] {
        jpegPreamble + jpegFrameHeader(marker: marker, width: width, height: height)
            + jpegSegment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + [0x12, 0x34, 0xFF, 0xD9]
    }

    /// Signature and logical screen descriptor.
    static func gif(_ version: String = "89a", width: Int, height: Int) -> [UInt8] {
        Array("GIF\(version)".utf8) + littleEndian16(width) + littleEndian16(height) + [0xF7, 0, 0]
    }

    /// File header and a BITMAPINFOHEADER (40 bytes); a negative height means top-down rows.
    static func bmp(width: Int, height: Int) -> [UInt8] {
        let info = littleEndian32(40) + littleEndian32(width) + littleEndian32(Int(UInt32(bitPattern: Int32(height))))
            + littleEndian16(1) + littleEndian16(24) + Array(repeating: 0, count: 24)
        return bmpFileHeader(infoSize: info.count) + info
    }

    /// File header and an OS/2 BITMAPCOREHEADER (12 bytes, 16-bit dimensions).
    static func bmpCore(width: Int, height: Int) -> [UInt8] {
        bmpFileHeader(infoSize: 12) + littleEndian32(12) + littleEndian16(width) + littleEndian16(height)
            + littleEndian16(1) + littleEndian16(24)
    }

    private static func bmpFileHeader(infoSize: Int) -> [UInt8] {
        Array("BM".utf8) + littleEndian32(14 + infoSize) + [0, 0, 0, 0] + littleEndian32(14 + infoSize)
    }

    /// RIFF container with one chunk.
    static func webp(chunk: String, _ payload: [UInt8]) -> [UInt8] {
        Array("RIFF".utf8) + littleEndian32(4 + 8 + payload.count) + Array("WEBP".utf8)
            + Array(chunk.utf8) + littleEndian32(payload.count) + payload
    }

    /// Lossy: frame tag, start code, 14-bit dimensions with 2 scale bits above them.
    static func webpVP8(width: Int, height: Int, scaleBits: Int = 0) -> [UInt8] {
        webp(chunk: "VP8 ", [0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A]
                + littleEndian16(width | scaleBits << 14) + littleEndian16(height | scaleBits << 14) + [0, 0])
    }

    /// Lossless: signature byte 0x2F then width-1 and height-1 in 14 bits each.
    static func webpVP8L(width: Int, height: Int) -> [UInt8] {
        webp(chunk: "VP8L", [0x2F] + littleEndian32((width - 1) | (height - 1) << 14 | 1 << 28) + [0, 0, 0])
    }

    /// Extended: flags, three reserved bytes, then 24-bit canvas width-1 and height-1.
    static func webpVP8X(width: Int, height: Int) -> [UInt8] {
        webp(chunk: "VP8X", [0x10, 0, 0, 0] + littleEndian24(width - 1) + littleEndian24(height - 1))
    }
}

/// The upload check (`ImageHeader.checkedUpload`) over an array, with no pixel limit unless given.
func readHeader(_ bytes: [UInt8], maxPixels: Int = .max) throws -> ImageHeader {
    try bytes.withUnsafeBytes { try ImageHeader.checkedUpload($0, maxPixels: maxPixels) }
}
