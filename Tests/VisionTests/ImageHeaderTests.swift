import Foundation
import Testing
@testable import Vision

@Suite struct ImageHeaderTests {
    @Test(arguments: [("png", ImageInfo.Format.png), ("jpg", .jpeg), ("bmp", .bmp), ("webp", .webp)])
    func readsFormatAndSizeWithoutDecoding(_ fileExtension: String, _ format: ImageInfo.Format) throws {
        let data = try Fixtures.encoded(fileExtension, width: 37, height: 21) { _, _ in (1, 2, 3) }
        #expect(try ImageHeader(sniffing: data) == ImageHeader(format: format, width: 37, height: 21))
    }

    @Test func readsGifAndLosslessWebp() throws {
        #expect(try ImageHeader(sniffing: try Fixtures.python("animated.gif")) == ImageHeader(format: .gif, width: 40, height: 30))
        // OpenCV writes WEBP losslessly (VP8L) above quality 100.
        let lossless = try Fixtures.image(width: 33, height: 17) { x, _ in (UInt8(x), 0, 0) }.encoded(as: "webp", quality: 101)
        #expect(try ImageHeader(sniffing: lossless) == ImageHeader(format: .webp, width: 33, height: 17))
    }

    @Test func unknownBytesAreAnUnsupportedFormat() {
        #expect(throws: VisionError.unsupportedFormat) { try ImageHeader(sniffing: Data("hello, world".utf8)) }
    }

    @Test func aKnownSignatureWithoutASizeIsUndecodable() {
        let error = #expect(throws: VisionError.self) { try ImageHeader(sniffing: Data([0xFF, 0xD8, 0xFF, 0xE0])) }
        #expect(error?.publicMessage == "image could not be decoded")
    }
}
