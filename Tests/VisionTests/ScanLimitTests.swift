import CVision
import Foundation
import ImageInspection
import Testing
@testable import Vision

/// Issue 10, finding 1: a small progressive JPEG with thousands of scans held a worker for the
/// whole job time limit, libjpeg decoding every scan. The header check now counts the scans and
/// the decoder stops past the limit on its own.
@Suite struct ScanLimitTests {
    /// many-scans.jpg: 64×48, flat (120, 130, 140), 400 scans (Pillow's 10 and 390 empty ones).
    @Test func aJPEGWithMoreScansThanTheLimitIsRefusedBeforeDecoding() throws {
        let error = #expect(throws: VisionError.tooManyScans(count: 400, limit: 300)) {
            try Fixtures.analyze(try Fixtures.python("many-scans.jpg"))
        }
        #expect(error?.publicMessage == "the JPEG has 400 scans; the limit for an image of its size is 300 scans")
    }

    @Test func theDecoderStopsAJPEGPastItsScanLimitByItself() throws {
        let data = try Fixtures.python("many-scans.jpg")
        let header = try ImageHeader.read(data)
        let relaxed = DecodingLimits(maxScans: 1_000, maxPixelScans: .max, minScanLimit: 1)
        let layout = try data.withUnsafeBytes { try relaxed.check(header, of: $0) }
        #expect(layout?.scanCount == 400)

        let error = #expect(throws: VisionError.tooManyScans(count: nil, limit: 300)) {
            try CVImage.decode(data, maxPixels: 10_000, maxScans: 300)
        }
        #expect(error?.publicMessage == "the JPEG has more than 300 scans, the limit for an image of its size")
        // The file itself is sound: the limit is the only reason it stopped.
        let image = try CVImage.decode(data, maxPixels: 10_000, maxScans: 400)
        #expect(close(try image.pixel(32, 24), (120, 130, 140), within: 3))
    }

    @Test func aProgressiveJPEGAsEncodersWriteItIsAnalysed() throws {
        let data = try Fixtures.python("progressive.jpg")
        #expect(data.withUnsafeBytes { JPEGLayout($0).scanCount } == 10)
        let insights = try Fixtures.analyze(data)
        #expect(insights.image == ImageInfo(width: 64, height: 48, format: .jpeg))
        #expect(insights.colors.dominantColors == ["#78828c"])
    }

    @Test(arguments: [
        (64 * 48, 300), (6_000_000, 300), (12_000_000, 166), (7_000 * 7_000, 40), (50_000_000, 40), (100_000_000, 32),
    ])
    func theScanLimitFallsAsThePixelsGrow(pixels: Int, limit: Int) {
        #expect(DecodingLimits.standard.scanLimit(pixels: pixels) == limit)
    }

    @Test func theAnalyzerPassesItsLimitToTheDecoder() throws {
        let decoder = ImageDecoder(maxPixels: 10_000, limits: DecodingLimits(maxScans: 399, maxPixelScans: .max, minScanLimit: 1))
        #expect(throws: VisionError.tooManyScans(count: 400, limit: 399)) { try decoder.decode(try Fixtures.python("many-scans.jpg")) }
        let generous = ImageDecoder(maxPixels: 10_000, limits: DecodingLimits(maxScans: 400, maxPixelScans: .max, minScanLimit: 1))
        #expect(try generous.decode(try Fixtures.python("many-scans.jpg")).image.width == 64)
    }
}

/// The libjpeg path of the shim (cv_shim_decode on JPEG): DCT scaling, for thumbnails.
@Suite struct JPEGScalingTests {
    private func decode(_ data: Data, scale: (Int32, Int32), orientation: Int32 = 1) -> (status: Int32, width: Int, height: Int) {
        var options = cv_shim_decode_options(max_pixels: 1_000_000, max_jpeg_scans: 0, jpeg_orientation: orientation,
                                             jpeg_scale_num: scale.0, jpeg_scale_denom: scale.1)
        var image: OpaquePointer?
        var error = cv_shim_error()
        let status = data.withUnsafeBytes { cv_shim_decode($0.baseAddress, $0.count, &options, &image, &error) }
        defer { if let image { cv_shim_image_release(image) } }
        guard let image else { return (status, 0, 0) }
        return (status, Int(cv_shim_image_width(image)), Int(cv_shim_image_height(image)))
    }

    @Test(arguments: [((1, 1), 120, 80), ((1, 2), 60, 40), ((1, 4), 30, 20), ((1, 8), 15, 10), ((3, 8), 45, 30), ((0, 0), 120, 80)]
          as [((Int32, Int32), Int, Int)])
    func aJPEGDecodesAtAFractionOfItsSize(scale: (Int32, Int32), width: Int, height: Int) throws {
        let data = try Fixtures.encoded("jpg", width: 120, height: 80) { x, _ in x < 60 ? (255, 0, 0) : (0, 0, 255) }
        let result = decode(data, scale: scale)
        #expect(result.status == CV_SHIM_OK.rawValue)
        #expect(result.width == width && result.height == height)
    }

    @Test func scalingAppliesBeforeTheOrientation() throws {
        let result = decode(try Fixtures.python("exif-6.jpg"), scale: (1, 2), orientation: 6)
        #expect(result.width == 60 && result.height == 40)
    }

    @Test(arguments: [(3, 2), (-1, 2), (1, 0), (0, 8)] as [(Int32, Int32)])
    func aScaleOutsideZeroToOneIsRefused(scale: (Int32, Int32)) throws {
        let data = try Fixtures.encoded("jpg", width: 16, height: 16) { _, _ in (1, 2, 3) }
        #expect(decode(data, scale: scale).status == CV_SHIM_INVALID_ARGUMENT.rawValue)
    }
}
