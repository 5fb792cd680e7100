import Foundation
import ImageInspection
import Testing
@testable import PeekHTTP
import PeekCore
import PeekStore
import PeekTestSupport

/// The seed corpus of the fuzz targets (Fuzz/corpus, written by Fuzz/make-corpus.py), replayed
/// through the parsers without libFuzzer: each seed still means what its name says, so the
/// fuzzers start from inputs that reach every format and every multipart branch.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static func seed(_ target: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: corpus.appendingPathComponent(target).appendingPathComponent(name)))
    }

    static func seedNames(_ target: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(target).path).sorted()
    }

    // MARK: Image headers

    @Test(arguments: [
        ("png", ImageFormat.png, 2, 3), ("png-bomb", .png, 100_000, 100_000),
        ("jpeg-baseline", .jpeg, 3, 2), ("jpeg-progressive", .jpeg, 640, 480), ("jpeg-bomb", .jpeg, 65_535, 65_535),
        ("jpeg-fill-and-restart", .jpeg, 3, 2), ("jpeg-huffman-before-frame", .jpeg, 3, 2),
        ("gif89a", .gif, 5, 4), ("gif87a-huge-screen", .gif, 65_535, 65_535), ("polyglot-gif-zip", .gif, 5, 4),
        ("bmp-info", .bmp, 4, 3), ("bmp-top-down", .bmp, 4, 3), ("bmp-core", .bmp, 4, 3),
        ("webp-lossy", .webp, 7, 5), ("webp-lossless", .webp, 7, 5), ("webp-extended", .webp, 300, 200),
    ])
    func imageSeedsDeclareTheirFormatAndSize(name: String, format: ImageFormat, width: Int, height: Int) throws {
        #expect(try Self.seed("image-header", name).withUnsafeBytes { try ImageHeader.read($0) } == ImageHeader(format: format, width: width, height: height))
    }

    @Test(arguments: ["png-truncated", "png-bad-ihdr-length", "jpeg-soi-only", "webp-unknown-chunk"])
    func damagedImageSeedsAreRecognisedButRefusedWith422(name: String) throws {
        let bytes = try Self.seed("image-header", name)
        #expect(bytes.withUnsafeBytes { ImageFormat.sniff($0) } != nil)
        expectPublicError(.unprocessableEntity) { _ = try readHeader(bytes) }
    }

    @Test func theTextSeedIsNoImageAndRefusedWith415() throws {
        expectPublicError(.unsupportedMediaType) { _ = try readHeader(try Self.seed("image-header", "text")) }
    }

    @Test func everyImageSeedIsNamedInATestAbove() throws {
        #expect(try Self.seedNames("image-header").count == 29)
    }

    // MARK: Multipart bodies

    /// A seed is a Content-Type line, "\n", then the body, as Fuzz/MultipartFuzzer.swift reads it.
    static func multipartSeed(_ name: String) throws -> (contentType: String, body: [UInt8]) {
        let bytes = try seed("multipart", name)
        let newline = try #require(bytes.firstIndex(of: UInt8(ascii: "\n")))
        return (String(decoding: bytes[..<newline], as: UTF8.self), Array(bytes[(newline + 1)...]))
    }

    static func parts(_ name: String) throws -> (parts: [MultipartPart], body: [UInt8]) {
        let (contentType, body) = try multipartSeed(name)
        let boundary = try MultipartParser.boundary(fromContentType: contentType)
        return (try parseMultipart(body, boundary: boundary), body)
    }

    @Test(arguments: [
        ("single-image", ["image"]), ("several-fields", ["title", "note", "image", "trailer"]),
        ("preamble-and-epilogue", ["image"]), ("quoted-boundary", ["image"]), ("escaped-filename", ["image"]),
        ("unquoted-parameters", ["image"]), ("no-part-headers", [nil]), ("whitespace-after-boundary", ["image"]),
        ("closing-delimiter-only", []), ("boundary-inside-data", ["image"]),
    ] as [(String, [String?])])
    func wellFormedMultipartSeedsParseIntoTheirParts(name: String, names: [String?]) throws {
        #expect(try Self.parts(name).parts.map(\.name) == names)
    }

    @Test func theImagePartOfASeedIsTheImageBytesExactly() throws {
        let (parts, body) = try Self.parts("unquoted-parameters")
        let image = try #require(parts.first)
        #expect(image.filename == "x.bmp" && image.contentType == "image/bmp")
        #expect(try readHeader(Array(body[image.body])) == ImageHeader(format: .bmp, width: 4, height: 3))
        // Backslash escapes inside a quoted filename: dir\\..\"x\".png on the wire.
        #expect(try Self.parts("escaped-filename").parts.first?.filename == #"dir\.."x".png"#)
    }

    @Test(arguments: ["ends-inside-headers", "ends-before-closing", "lf-line-endings", "junk-after-boundary"])
    func malformedMultipartSeedsAreRefusedWith400(name: String) throws {
        expectPublicError(.badRequest) { _ = try Self.parts(name) }
    }

    @Test func seedsWithoutAUsableMultipartContentTypeAreRefusedBeforeTheBodyIsRead() throws {
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: try Self.multipartSeed("no-boundary-parameter").contentType) }
        expectPublicError(.badRequest) { _ = try MultipartParser.boundary(fromContentType: try Self.multipartSeed("boundary-too-long").contentType) }
        expectPublicError(.unsupportedMediaType) { _ = try MultipartParser.boundary(fromContentType: try Self.multipartSeed("not-multipart").contentType) }
    }

    @Test func everyMultipartSeedIsNamedInATestAbove() throws {
        #expect(try Self.seedNames("multipart").count == 17)
    }
}
