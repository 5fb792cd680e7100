import Foundation
import ImageInspection
import Testing
@testable import Vision

/// The header reader on files real encoders wrote (PeekHTTPTests covers hand-built bytes).
@Suite struct ImageHeaderTests {
    @Test(arguments: [("png", ImageFormat.png), ("jpg", .jpeg), ("bmp", .bmp), ("webp", .webp)])
    func readsFormatAndSizeWithoutDecoding(_ fileExtension: String, _ format: ImageFormat) throws {
        let data = try Fixtures.encoded(fileExtension, width: 37, height: 21) { _, _ in (1, 2, 3) }
        #expect(try ImageHeader.read(data) == ImageHeader(format: format, width: 37, height: 21))
    }

    @Test func readsGifAndLosslessWebp() throws {
        #expect(try ImageHeader.read(try Fixtures.python("animated.gif")) == ImageHeader(format: .gif, width: 40, height: 30))
        // OpenCV writes WEBP losslessly (VP8L) above quality 100.
        let lossless = try Fixtures.image(width: 33, height: 17) { x, _ in (UInt8(x), 0, 0) }.encoded(as: "webp", quality: 101)
        #expect(try ImageHeader.read(lossless) == ImageHeader(format: .webp, width: 33, height: 17))
    }

    /// Pillow writes each exif-N.jpg with orientation N in a little-endian TIFF structure.
    @Test(arguments: 1...8)
    func readsTheEXIFOrientationPillowWrote(_ orientation: Int) throws {
        let data = try Fixtures.python("exif-\(orientation).jpg")
        let declared = data.withUnsafeBytes { bytes in
            JPEGLayout(bytes).exif.map { ExifOrientation(tiff: UnsafeRawBufferPointer(rebasing: bytes[$0])) }
        }
        #expect(declared?.rawValue == orientation)
    }

    @Test func aJPEGFromOpenCVHasOneScanAndEndsAtItsEOI() throws {
        let data = try Fixtures.noisy("jpg")
        #expect(data.withUnsafeBytes { JPEGLayout($0) } == JPEGLayout(scanCount: 1, length: data.count, exif: nil))
    }

    @Test func unknownBytesAreAnUnsupportedFormat() {
        #expect(throws: ImageHeaderError.unsupportedFormat) { try ImageHeader.read(Data("hello, world".utf8)) }
        #expect(throws: VisionError.unsupportedFormat) { try Fixtures.analyze(Data("hello, world".utf8)) }
    }

    @Test func aKnownSignatureWithoutASizeIsUndecodable() {
        #expect(throws: ImageHeaderError.damaged(.jpeg)) { try ImageHeader.read(Data([0xFF, 0xD8, 0xFF, 0xE0])) }
        let error = #expect(throws: VisionError.self) { try Fixtures.analyze(Data([0xFF, 0xD8, 0xFF, 0xE0])) }
        #expect(error?.publicMessage == "image could not be decoded")
    }
}
