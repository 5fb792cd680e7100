import Foundation
import ImageInspection
import Testing
@testable import PeekHTTP
import PeekCore
import PeekStore
import PeekTestSupport

@Suite struct ImageHeaderTests {
    // MARK: Type and size of each format

    @Test func pngIsRecognisedAndItsSizeReadFromIHDR() throws {
        #expect(try readHeader(ImageBytes.png(width: 640, height: 480)) == ImageHeader(format: .png, width: 640, height: 480))
        #expect(try readHeader(ImageBytes.png(width: 1, height: 1)) == ImageHeader(format: .png, width: 1, height: 1))
    }

    @Test func baselineJPEGSizeIsReadFromSOF0AfterAPPAndEXIFSegments() throws {
        let header = try readHeader(ImageBytes.jpeg(marker: 0xC0, width: 1920, height: 1080))
        #expect(header == ImageHeader(format: .jpeg, width: 1920, height: 1080))
    }

    @Test func progressiveJPEGSizeIsReadFromSOF2() throws {
        let header = try readHeader(ImageBytes.jpeg(marker: 0xC2, width: 300, height: 65_000))
        #expect(header == ImageHeader(format: .jpeg, width: 300, height: 65_000))
    }

    @Test func jpegFillBytesBeforeAMarkerAreSkipped() throws {
        let bytes = [0xFF, 0xD8] + [0xFF, 0xFF, 0xFF] + Array(ImageBytes.jpegFrameHeader(width: 7, height: 9).dropFirst())
        #expect(try readHeader(bytes) == ImageHeader(format: .jpeg, width: 7, height: 9))
    }

    @Test func gif87aAndGif89aSizesAreReadFromTheScreenDescriptor() throws {
        #expect(try readHeader(ImageBytes.gif("87a", width: 320, height: 200)) == ImageHeader(format: .gif, width: 320, height: 200))
        #expect(try readHeader(ImageBytes.gif("89a", width: 65_535, height: 2)) == ImageHeader(format: .gif, width: 65_535, height: 2))
    }

    @Test func bmpSizeIsReadFromTheFortyByteInfoHeader() throws {
        #expect(try readHeader(ImageBytes.bmp(width: 800, height: 600)) == ImageHeader(format: .bmp, width: 800, height: 600))
    }

    @Test func aTopDownBMPWithNegativeHeightHasThePositiveHeight() throws {
        #expect(try readHeader(ImageBytes.bmp(width: 800, height: -600)) == ImageHeader(format: .bmp, width: 800, height: 600))
    }

    @Test func bmpSizeIsReadFromTheTwelveByteCoreHeader() throws {
        #expect(try readHeader(ImageBytes.bmpCore(width: 64, height: 32)) == ImageHeader(format: .bmp, width: 64, height: 32))
    }

    @Test func lossyWebPSizeIsReadFromTheVP8FrameAndScaleBitsAreIgnored() throws {
        #expect(try readHeader(ImageBytes.webpVP8(width: 400, height: 301)) == ImageHeader(format: .webp, width: 400, height: 301))
        #expect(try readHeader(ImageBytes.webpVP8(width: 16_383, height: 5, scaleBits: 3))
                == ImageHeader(format: .webp, width: 16_383, height: 5))
    }

    @Test func losslessWebPSizeIsReadFromTheVP8LBitfield() throws {
        #expect(try readHeader(ImageBytes.webpVP8L(width: 1, height: 1)) == ImageHeader(format: .webp, width: 1, height: 1))
        #expect(try readHeader(ImageBytes.webpVP8L(width: 16_384, height: 123)) == ImageHeader(format: .webp, width: 16_384, height: 123))
    }

    @Test func extendedWebPSizeIsReadFromTheVP8XCanvas() throws {
        #expect(try readHeader(ImageBytes.webpVP8X(width: 16_777_216, height: 2)) == ImageHeader(format: .webp, width: 16_777_216, height: 2))
    }

    @Test func eachFormatHasItsMimeType() {
        #expect(ImageFormat.allCases.map(\.mimeType) == ["image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp"])
    }

    // MARK: Unknown and damaged headers

    @Test func unknownBytesAreAnUnsupportedType() {
        expectPublicError(.unsupportedMediaType) { _ = try readHeader(Array("hello, this is not an image at all".utf8)) }
        expectPublicError(.unsupportedMediaType) { _ = try readHeader([]) }
        expectPublicError(.unsupportedMediaType) { _ = try readHeader(Array("GIF88a".utf8) + [1, 0, 1, 0]) }
        expectPublicError(.unsupportedMediaType) { _ = try readHeader(Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) }
        // A truncated PNG signature is not a PNG.
        expectPublicError(.unsupportedMediaType) { _ = try readHeader(Array(ImageBytes.pngSignature.prefix(7))) }
    }

    @Test func aPNGSignatureWithADamagedIHDRIsUndecodable() {
        expectPublicError(.unprocessableEntity) { _ = try readHeader(ImageBytes.png(width: 10, height: 10, chunkType: "IDAT")) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(ImageBytes.png(width: 10, height: 10, chunkLength: 12)) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(ImageBytes.png(width: 0, height: 10)) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(Array(ImageBytes.png(width: 10, height: 10).prefix(20))) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(ImageBytes.pngSignature) }
    }

    @Test func aJPEGTruncatedBeforeItsFrameHeaderIsUndecodable() {
        let preamble = ImageBytes.jpegPreamble
        expectPublicError(.unprocessableEntity) { _ = try readHeader(preamble) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(Array(preamble.prefix(preamble.count - 3))) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader([0xFF, 0xD8, 0xFF]) }
        let frame = ImageBytes.jpegFrameHeader(width: 10, height: 10)
        expectPublicError(.unprocessableEntity) { _ = try readHeader(preamble + frame.prefix(6)) }
    }

    @Test func aJPEGWhoseScanStartsBeforeAnyFrameHeaderIsUndecodable() {
        let bytes = ImageBytes.jpegPreamble + ImageBytes.jpegSegment(0xDA, [1, 1, 0, 0, 0x3F, 0])
            + ImageBytes.jpegFrameHeader(width: 10, height: 10)
        expectPublicError(.unprocessableEntity) { _ = try readHeader(bytes) }
    }

    @Test func damagedGIFBMPAndWebPHeadersAreUndecodable() {
        expectPublicError(.unprocessableEntity) { _ = try readHeader(Array(ImageBytes.gif(width: 10, height: 10).prefix(9))) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(ImageBytes.gif(width: 0, height: 10)) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(ImageBytes.bmp(width: -5, height: 10)) }
        // An info header size that is neither the 12-byte core header nor 40 bytes or more.
        var unknownInfoHeader = ImageBytes.bmp(width: 5, height: 10)
        unknownInfoHeader.replaceSubrange(14..<18, with: ImageBytes.littleEndian32(20))
        expectPublicError(.unprocessableEntity) { _ = try readHeader(unknownInfoHeader) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(ImageBytes.webp(chunk: "ABCD", Array(repeating: 1, count: 10))) }
        expectPublicError(.unprocessableEntity) {
            // A lossy frame without its start code.
            _ = try readHeader(ImageBytes.webp(chunk: "VP8 ", [0x10, 0x02, 0x00, 0x00, 0x00, 0x00, 10, 0, 10, 0]))
        }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(Array(ImageBytes.webpVP8X(width: 5, height: 5).prefix(28))) }
    }

    // MARK: Pixel limit

    @Test func aDecompressionBombOverThePixelLimitIsTooLarge() throws {
        let header = try readHeader(ImageBytes.png(width: 100_000, height: 100_000))
        #expect(header.width == 100_000 && header.height == 100_000)
        let error = expectPublicError(.payloadTooLarge) {
            _ = try readHeader(ImageBytes.png(width: 100_000, height: 100_000), maxPixels: 50_000_000)
        }
        #expect(error?.message.contains("100000×100000") == true)
    }

    @Test func anImageOfExactlyThePixelLimitPasses() throws {
        _ = try readHeader(ImageBytes.png(width: 10_000, height: 5_000), maxPixels: 50_000_000)
        _ = try readHeader(ImageBytes.png(width: 7_071, height: 7_071), maxPixels: 50_000_000)
        _ = try readHeader(ImageBytes.png(width: 1, height: 1), maxPixels: 1)
    }

    @Test func onePixelRowOverTheLimitIsTooLarge() {
        expectPublicError(.payloadTooLarge) { _ = try readHeader(ImageBytes.png(width: 10_001, height: 5_000), maxPixels: 50_000_000) }
        expectPublicError(.payloadTooLarge) { _ = try readHeader(ImageBytes.png(width: 7_072, height: 7_071), maxPixels: 50_000_000) }
        expectPublicError(.payloadTooLarge) { _ = try readHeader(ImageBytes.png(width: 2, height: 1), maxPixels: 1) }
    }

    @Test func theLargestDeclarablePNGDoesNotOverflowTheLimitCheck() throws {
        expectPublicError(.payloadTooLarge) {
            _ = try readHeader(ImageBytes.png(width: 0xFFFF_FFFF, height: 0xFFFF_FFFF), maxPixels: 50_000_000)
        }
    }
}
