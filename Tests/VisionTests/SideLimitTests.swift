import Foundation
import ImageInspection
import Testing
@testable import Vision

/// Issue 10, finding 3: an image with a side past 65,500 px was decoded and analysed, then failed
/// "image analysis failed" when its annotated JPEG could not be written (libjpeg's limit); past
/// 2^20 px OpenCV's PNG and BMP readers refused it with an exception, reported the same way. The
/// decoder now refuses such sides from the header, naming the limit.
@Suite struct SideLimitTests {
    @Test(arguments: [
        ("png", 1, 70_000, ImageHeader.Axis.height), ("png", 70_000, 1, .width),
        ("bmp", 1, 70_000, .height), ("bmp", 70_000, 1, .width), ("png", 65_501, 2, .width),
    ])
    func aSidePastTheAnnotatedJPEGsLimitIsRefusedBeforeDecoding(_ fileExtension: String, width: Int, height: Int,
                                                                 axis: ImageHeader.Axis) throws {
        let data = try Fixtures.encoded(fileExtension, width: width, height: height) { _, _ in (10, 200, 30) }
        let length = max(width, height)
        let error = #expect(throws: VisionError.sideTooLong(axis, length: length, limit: 65_500)) { try Fixtures.analyze(data) }
        let adjective = axis == .width ? "wide" : "high"
        #expect(error?.publicMessage == "the image is \(length) px \(adjective); the limit for a side is 65500 px")
    }

    @Test(arguments: [("png", 1, 65_500), ("png", 65_500, 1), ("bmp", 1, 65_500), ("jpg", 65_500, 2), ("jpg", 2, 65_500),
                      ("webp", 16_383, 1)])
    func aSideAtItsFormatsLimitIsAnalysed(_ fileExtension: String, width: Int, height: Int) throws {
        let data = try Fixtures.encoded(fileExtension, width: width, height: height) { _, _ in (10, 200, 30) }
        let analysis = try Fixtures.analyzer().analyze(data, deadline: .now + .seconds(60))
        #expect(analysis.insights.image.width == width && analysis.insights.image.height == height)
        #expect(try ImageHeader.read(analysis.annotatedJPEG) == ImageHeader(format: .jpeg, width: width, height: height))
    }

    /// Top-down rows (a negative height) and a height past OpenCV's 2^20 rows, declared with
    /// almost no pixel data: refused from the header either way.
    @Test(arguments: [(-70_000, 70_000), (2_000_000, 2_000_000), (-2_000_000, 2_000_000)])
    func aBMPHeightPastTheLimitIsRefusedWhateverItsSign(declared: Int, length: Int) throws {
        let bmp = try Fixtures.encoded("bmp", width: 1, height: 1) { _, _ in (1, 2, 3) }
        var tall = bmp
        tall.replaceSubrange((tall.startIndex + 22)..<(tall.startIndex + 26),
                             with: withUnsafeBytes(of: Int32(declared).littleEndian) { Data($0) })
        #expect(throws: VisionError.sideTooLong(.height, length: length, limit: 65_500)) { try Fixtures.analyze(tall) }
    }

    @Test func aGIFScreenWiderThanTheAnnotatedJPEGIsRefused() throws {
        var gif = try Fixtures.python("animated.gif")
        gif.replaceSubrange((gif.startIndex + 6)..<(gif.startIndex + 8), with: [0xFF, 0xFF])
        #expect(throws: VisionError.sideTooLong(.width, length: 65_535, limit: 65_500)) { try Fixtures.analyze(gif) }
    }

    @Test func aJPEGFrameWiderThanLibjpegReadsIsRefused() throws {
        var jpeg = try Fixtures.encoded("jpg", width: 16, height: 8) { _, _ in (1, 2, 3) }
        let frame = try #require(jpeg.withUnsafeBytes { bytes in (0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 } })
        // SOF0: marker, length (2), precision (1), height (2), width (2).
        jpeg.replaceSubrange((jpeg.startIndex + frame + 7)..<(jpeg.startIndex + frame + 9), with: [0xFF, 0xDD])
        #expect(throws: VisionError.sideTooLong(.width, length: 65_501, limit: 65_500)) { try Fixtures.analyze(jpeg) }
    }
}
