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
        #expect(try declaredHeader(ImageBytes.gif("89a", width: 65_535, height: 2)) == ImageHeader(format: .gif, width: 65_535, height: 2))
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
        #expect(try declaredHeader(ImageBytes.webpVP8X(width: 16_777_216, height: 2))
                == ImageHeader(format: .webp, width: 16_777_216, height: 2))
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
        let header = try declaredHeader(ImageBytes.png(width: 100_000, height: 100_000))
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

    // MARK: Side limits (issue 10, finding 3: such sides failed only after analysis)

    @Test(arguments: [
        (ImageBytes.png(width: 70_000, height: 1), "the image is 70000 px wide; the limit for a side is 65500 px"),
        (ImageBytes.png(width: 1, height: 70_000), "the image is 70000 px high; the limit for a side is 65500 px"),
        (ImageBytes.png(width: 1, height: 1_048_577), "the image is 1048577 px high; the limit for a side is 65500 px"),
        (ImageBytes.bmp(width: 1, height: -70_000), "the image is 70000 px high; the limit for a side is 65500 px"),
        (ImageBytes.bmp(width: 2_000_000, height: 1), "the image is 2000000 px wide; the limit for a side is 65500 px"),
        (ImageBytes.bmpCore(width: 65_501, height: 1), "the image is 65501 px wide; the limit for a side is 65500 px"),
        (ImageBytes.gif(width: 65_535, height: 2), "the image is 65535 px wide; the limit for a side is 65500 px"),
        (ImageBytes.jpeg(width: 2, height: 65_501), "the image is 65501 px high; the limit for a side is 65500 px"),
        (ImageBytes.webpVP8X(width: 16_385, height: 1), "the image is 16385 px wide; the limit for a side is 16384 px"),
    ])
    func aSidePastItsFormatsLimitIsRefusedWith422NamingTheLimit(bytes: [UInt8], message: String) {
        let error = expectPublicError(.unprocessableEntity) { _ = try readHeader(bytes, maxPixels: 50_000_000) }
        #expect(error?.message == message)
    }

    @Test func sidesAtTheirFormatsLimitPass() throws {
        for bytes in [ImageBytes.png(width: 65_500, height: 1), ImageBytes.bmp(width: 1, height: -65_500),
                      ImageBytes.gif(width: 65_500, height: 3), ImageBytes.jpeg(width: 65_500, height: 65_500),
                      ImageBytes.webpVP8X(width: 16_384, height: 16_384), ImageBytes.webpVP8L(width: 16_384, height: 1)] {
            _ = try readHeader(bytes)
        }
    }

    @Test func thePixelLimitIsCheckedBeforeTheSideLimit() {
        expectPublicError(.payloadTooLarge) { _ = try readHeader(ImageBytes.png(width: 70_000, height: 1_000), maxPixels: 50_000_000) }
        expectPublicError(.unprocessableEntity) { _ = try readHeader(ImageBytes.png(width: 70_000, height: 1_000), maxPixels: 100_000_000) }
    }

    // MARK: JPEG scans (issue 10, finding 1: thousands of scans held a worker for a minute)

    @Test func aJPEGWithMoreScansThanTheLimitIsRefusedWith422NamingTheLimit() throws {
        _ = try readHeader(progressiveJPEG(width: 64, height: 64, scans: 300))
        let error = expectPublicError(.unprocessableEntity) { _ = try readHeader(progressiveJPEG(width: 64, height: 64, scans: 301)) }
        #expect(error?.message == "the JPEG has 301 scans; the limit for an image of its size is 300 scans")
    }

    @Test func largerImagesMayHaveFewerScans() throws {
        _ = try readHeader(progressiveJPEG(width: 7_000, height: 7_000, scans: 40))
        let error = expectPublicError(.unprocessableEntity) { _ = try readHeader(progressiveJPEG(width: 7_000, height: 7_000, scans: 41)) }
        #expect(error?.message == "the JPEG has 41 scans; the limit for an image of its size is 40 scans")
    }

    @Test func stuffedBytesRestartMarkersAndFillBytesBelongToTheScan() {
        let data: [UInt8] = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56, 0xFF, 0xFF, 0x00, 0x78, 0xFF, 0xD7, 0x9A]
        let bytes = ImageBytes.jpegPreamble + ImageBytes.jpegFrameHeader(marker: 0xC2, width: 8, height: 8)
            + scan(data) + [0xFF, 0xFF, 0xFF] + scan(data) + [0xFF, 0xD9]
        #expect(layout(bytes) == JPEGLayout(scanCount: 2, length: bytes.count, exif: Self.preambleTIFF))
    }

    @Test func startOfScanBytesInsideASegmentOrAfterTheEndAreNoScans() {
        let startsOfScan: [[UInt8]] = Array(repeating: [0xFF, 0xDA, 0x00, 0x08], count: 400)
        let comment = ImageBytes.jpegSegment(0xFE, startsOfScan.flatMap { $0 })
        let image: [UInt8] = ImageBytes.jpegPreamble + comment + ImageBytes.jpegFrameHeader(marker: 0xC2, width: 8, height: 8)
            + scan([0x12]) + [0xFF, 0xD9]
        let scans: [[UInt8]] = Array(repeating: scan([0x12]), count: 400)
        let trailer: [UInt8] = scans.flatMap { $0 } + [0xFF, 0xD9]
        #expect(layout(image + trailer) == JPEGLayout(scanCount: 1, length: image.count, exif: Self.preambleTIFF))
        #expect(throws: Never.self) { try readHeader(image + trailer) }
    }

    // MARK: The end of a JPEG (issue 10, finding 2: data after EOI)

    @Test func theEndIsTheFirstEOIOutsideSegmentsAndScans() {
        let image = ImageBytes.jpeg(width: 4, height: 4)
        #expect(layout(image) == JPEGLayout(scanCount: 1, length: image.count, exif: Self.preambleTIFF))
        for trailer: [UInt8] in [[0xFF, 0xD9], [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0], [0x00, 0x00, 0x00, 0x18] + Array("ftypmp42".utf8)] {
            #expect(layout(image + trailer)?.length == image.count)
        }
        // The EXIF segment of the preamble holds an FF D9 of its own: a backwards search would stop there.
        #expect(layout(ImageBytes.jpegPreamble + [0xFF, 0xD9])?.length == ImageBytes.jpegPreamble.count + 2)
    }

    @Test func bytesBetweenSegmentsAreSkippedAsLibjpegSkipsThem() {
        let bytes = [0xFF, 0xD8, 0x00, 0x12, 0xFF, 0x00, 0x34] + ImageBytes.jpegFrameHeader(width: 8, height: 8) + scan([1]) + [0xFF, 0xD9]
        #expect(layout(bytes) == JPEGLayout(scanCount: 1, length: bytes.count, exif: nil))
    }

    @Test func aJPEGThatEndsBeforeItsEOIHasNoLength() {
        let image = ImageBytes.jpeg(width: 4, height: 4)
        for cut in [image.count - 1, image.count - 2, image.count - 5, 40, 2] {
            #expect(layout(Array(image.prefix(cut)))?.length == nil, "cut at \(cut)")
        }
        let shortSegment = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01] + ImageBytes.jpegFrameHeader(width: 8, height: 8) + [0xFF, 0xD9]
        #expect(layout(shortSegment) == JPEGLayout(scanCount: 0, length: nil, exif: nil))
        #expect(layout([0x89, 0x50]) == JPEGLayout(scanCount: 0, length: nil, exif: nil))
    }

    // MARK: EXIF orientation

    @Test func theOrientationIsReadInEitherByteOrder() {
        #expect(orientation(tiff(bigEndian: true, entries: [(0x0110, 2, 7), (0x0112, 3, 6)])) == .rightTop)
        #expect(orientation(tiff(bigEndian: false, entries: [(0x0112, 3, 8)])) == .leftBottom)
        #expect(orientation(tiff(bigEndian: false, entries: [(0x0112, 3, 1)])) == .topLeft)
    }

    @Test func aMissingOrDamagedOrientationMeansStoredUpright() {
        #expect(orientation(tiff(bigEndian: true, entries: [(0x0110, 2, 6)])) == .topLeft)
        #expect(orientation(tiff(bigEndian: false, entries: [(0x0112, 3, 9)])) == .topLeft)
        #expect(orientation(tiff(bigEndian: false, entries: [(0x0112, 3, 0)])) == .topLeft)
        #expect(orientation(tiff(bigEndian: false, entries: [(0x0112, 4, 6)])) == .topLeft)
        let whole = tiff(bigEndian: false, entries: [(0x0112, 3, 6)])
        for cut in 0..<whole.count - 4 {
            #expect(orientation(Array(whole.prefix(cut))) == .topLeft, "cut at \(cut)")
        }
        var farDirectory = whole
        farDirectory.replaceSubrange(4..<8, with: ImageBytes.littleEndian32(0x7FFF_FFFF))
        #expect(orientation(farDirectory) == .topLeft)
        #expect(orientation(Array("XX".utf8) + whole.dropFirst(2)) == .topLeft)
    }

    @Test func theOrientationComesFromTheFirstEXIFSegmentNotFromXMP() {
        let xmp = ImageBytes.jpegSegment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0".utf8) + [0x4D, 0x4D, 0, 42])
        let exif = ImageBytes.jpegSegment(0xE1, Array("Exif".utf8) + [0, 0] + tiff(bigEndian: true, entries: [(0x0112, 3, 3)]))
        let bytes = [0xFF, 0xD8] + xmp + exif + ImageBytes.jpegFrameHeader(width: 8, height: 8) + scan([1]) + [0xFF, 0xD9]
        let found = bytes.withUnsafeBytes { all in JPEGLayout(all).exif.map { ExifOrientation(tiff: UnsafeRawBufferPointer(rebasing: all[$0])) } }
        #expect(found == .bottomRight)
    }

    // MARK: The fuzz corpus's seeds for the limits and the JPEG layout (FuzzCorpusTests counts them)

    @Test(arguments: [
        ("jpeg-many-scans", "the JPEG has 301 scans; the limit for an image of its size is 300 scans"),
        ("png-tall-strip", "the image is 70000 px high; the limit for a side is 65500 px"),
        ("bmp-top-down-tall", "the image is 70000 px high; the limit for a side is 65500 px"),
        ("webp-extended-wide", "the image is 16385 px wide; the limit for a side is 16384 px"),
    ])
    func seedsPastALimitAreRefusedWith422(name: String, message: String) throws {
        let bytes = try FuzzCorpusTests.seed("image-header", name)
        let error = expectPublicError(.unprocessableEntity) { _ = try readHeader(bytes) }
        #expect(error?.message == message)
    }

    @Test func theMotionPhotoSeedEndsAtItsJPEGsEOI() throws {
        let bytes = try FuzzCorpusTests.seed("image-header", "jpeg-motion-photo")
        let baseline = try FuzzCorpusTests.seed("image-header", "jpeg-baseline")
        #expect(Array(bytes.prefix(baseline.count)) == baseline)
        #expect(layout(bytes) == JPEGLayout(scanCount: 1, length: baseline.count, exif: nil))
    }

    @Test func theStuffingSeedIsOneScanToItsEnd() throws {
        let bytes = try FuzzCorpusTests.seed("image-header", "jpeg-stuffing-and-restarts")
        #expect(layout(bytes) == JPEGLayout(scanCount: 1, length: bytes.count, exif: nil))
    }

    @Test(arguments: [("jpeg-exif-big-endian", ExifOrientation.rightTop), ("jpeg-exif-little-endian", .leftBottom)])
    func theEXIFSeedsDeclareTheirOrientation(name: String, orientation: ExifOrientation) throws {
        let bytes = try FuzzCorpusTests.seed("image-header", name)
        let found = bytes.withUnsafeBytes { all in JPEGLayout(all).exif.map { ExifOrientation(tiff: UnsafeRawBufferPointer(rebasing: all[$0])) } }
        #expect(found == orientation)
    }

    // MARK: Helpers

    /// The header as declared, without the upload check's limits.
    private func declaredHeader(_ bytes: [UInt8]) throws -> ImageHeader {
        try bytes.withUnsafeBytes { try ImageHeader.read($0) }
    }

    private func layout(_ bytes: [UInt8]) -> JPEGLayout? {
        bytes.withUnsafeBytes { JPEGLayout($0) }
    }

    /// A start-of-scan segment for one component, then `data` as its entropy-coded bytes.
    private func scan(_ data: [UInt8]) -> [UInt8] {
        ImageBytes.jpegSegment(0xDA, [1, 1, 0x00, 0, 0x3F, 0]) + data
    }

    private func progressiveJPEG(width: Int, height: Int, scans: Int) -> [UInt8] {
        ImageBytes.jpegPreamble + ImageBytes.jpegFrameHeader(marker: 0xC2, width: width, height: height)
            + Array(repeating: scan([0x12, 0x34]), count: scans).joined() + [0xFF, 0xD9]
    }

    /// Where the preamble's EXIF segment keeps its TIFF structure: after SOI (2 bytes), APP0
    /// (18) and APP1's marker, length and "Exif\0\0" (10); to the segment's end.
    private static let preambleTIFF = 30..<49

    /// A TIFF header and IFD0 holding `entries` (tag, type, 16-bit value).
    private func tiff(bigEndian: Bool, entries: [(Int, Int, Int)]) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] { bigEndian ? ImageBytes.bigEndian16(value) : ImageBytes.littleEndian16(value) }
        func u32(_ value: Int) -> [UInt8] { bigEndian ? ImageBytes.bigEndian32(value) : ImageBytes.littleEndian32(value) }
        var directory = u16(entries.count)
        for (tag, type, value) in entries {
            directory += u16(tag) + u16(type) + u32(1) + u16(value) + [0, 0]
        }
        return Array((bigEndian ? "MM" : "II").utf8) + u16(42) + u32(8) + directory + u32(0)
    }

    private func orientation(_ tiff: [UInt8]) -> ExifOrientation {
        tiff.withUnsafeBytes { ExifOrientation(tiff: $0) }
    }
}
