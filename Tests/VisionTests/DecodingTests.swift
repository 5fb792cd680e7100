import Foundation
import ImageInspection
import Testing
@testable import Vision

@Suite struct DecodingTests {
    @Test(arguments: [("png", ImageFormat.png), ("jpg", .jpeg), ("bmp", .bmp), ("webp", .webp)])
    func eachFormatDecodesToItsSizeAndColours(_ fileExtension: String, _ format: ImageFormat) throws {
        let data = try Fixtures.encoded(fileExtension, width: 40, height: 30) { x, _ in x < 20 ? (255, 0, 0) : (0, 0, 255) }
        let insights = try Fixtures.analyze(data)
        #expect(insights.image == ImageInfo(width: 40, height: 30, format: format))
        let image = try CVImage.decode(data, maxPixels: 10_000)
        #expect(close(try image.pixel(5, 15), (255, 0, 0), within: 12))
        #expect(close(try image.pixel(35, 15), (0, 0, 255), within: 12))
    }

    @Test func gifGivesItsFirstFrame() throws {
        let insights = try Fixtures.analyze(try Fixtures.python("animated.gif"))
        #expect(insights.image == ImageInfo(width: 40, height: 30, format: .gif))
        #expect(insights.colors.dominantColors == ["#ff0000"])
    }

    @Test func interlacedGifRowsLandInPlace() throws {
        let image = try CVImage.decode(try Fixtures.python("interlaced.gif"), maxPixels: 10_000)
        #expect(try image.pixel(20, 14) == (255, 0, 0))
        #expect(try image.pixel(20, 15) == (0, 0, 255))
    }

    @Test func rgbaDropsAlphaWithoutCompositing() throws {
        let pixels = [UInt8](repeating: 0, count: 8 * 8).flatMap { _ in [10, 200, 30, 0] as [UInt8] }
        let data = try CVImage.fromPixels(pixels, width: 8, height: 8, channels: 4).encoded(as: "png")
        #expect(try Fixtures.analyze(data).colors.dominantColors == ["#0ac81e"])
    }

    @Test(arguments: ["png", "jpg"])
    func greyscaleIsExpandedToRGB(_ fileExtension: String) throws {
        let data = try CVImage.fromPixels([UInt8](repeating: 90, count: 16 * 16), width: 16, height: 16, channels: 1)
            .encoded(as: fileExtension)
        let colors = try Fixtures.analyze(data).colors
        #expect(colors.dominantColors == ["#5a5a5a"])
        #expect(colors.brightness == 90)
    }

    @Test func cmykJpegDecodesToItsRGBColour() throws {
        let image = try CVImage.decode(try Fixtures.python("cmyk.jpg"), maxPixels: 10_000)
        #expect(image.width == 64 && image.height == 48)
        #expect(close(try image.pixel(32, 24), (200, 40, 40), within: 12))
    }

    /// Each file stores the picture so that its EXIF orientation must be applied to show
    /// red | green over blue | white at 120x80.
    @Test(arguments: 1...8)
    func exifOrientationIsAppliedBeforeAnalysis(_ orientation: Int) throws {
        let data = try Fixtures.python("exif-\(orientation).jpg")
        let image = try ImageDecoder(maxPixels: 100_000).decode(data).image
        #expect(image.width == 120 && image.height == 80)
        #expect(close(try image.pixel(30, 20), (255, 0, 0), within: 24))
        #expect(close(try image.pixel(90, 20), (0, 255, 0), within: 24))
        #expect(close(try image.pixel(30, 60), (0, 0, 255), within: 24))
        #expect(close(try image.pixel(90, 60), (255, 255, 255), within: 24))
        #expect(try Fixtures.analyze(data).image == ImageInfo(width: 120, height: 80, format: .jpeg))
    }

    @Test func aOnePixelImageGetsFullInsights() throws {
        let insights = try Fixtures.analyze(try Fixtures.flat(12, 34, 56, width: 1, height: 1))
        #expect(insights.image == ImageInfo(width: 1, height: 1, format: .png))
        #expect(insights.colors.dominantColors == ["#0c2238"])
        #expect(insights.faces.facesDetected == 0)
        #expect(!insights.text.textFound)
        #expect(insights.quality.blurLevel == .high)
    }

    @Test(arguments: ["png", "jpg", "bmp", "webp"])
    func aTruncatedFileIsUndecodable(_ fileExtension: String) throws {
        let data = try Fixtures.noisy(fileExtension)
        try expectUndecodable(data.prefix(data.count * 6 / 10))
    }

    @Test func aTruncatedGifIsUndecodable() throws {
        let data = try Fixtures.python("animated.gif")
        try expectUndecodable(data.prefix(40))
    }

    @Test func aPngWhoseHeaderClaimsMorePixelsThanItsDataIsUndecodable() throws {
        var png = try Fixtures.noisy("png")
        // IHDR's width (bytes 16...19) doubled, with the chunk's CRC made right, so only the size lies.
        png[png.startIndex + 19] = UInt8(96 * 2)
        let crc = crc32(png[(png.startIndex + 12)..<(png.startIndex + 29)])
        png.replaceSubrange((png.startIndex + 29)..<(png.startIndex + 33), with: withUnsafeBytes(of: crc.bigEndian) { Data($0) })
        #expect(try ImageHeader.read(png).width == 192)
        try expectUndecodable(png)
    }

    @Test func aHeaderClaimingAHugeImageIsRefusedBeforeDecoding() throws {
        var png = try Fixtures.noisy("png")
        png.replaceSubrange((png.startIndex + 16)..<(png.startIndex + 24), with: [0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0])
        #expect(throws: VisionError.tooLarge(width: 100_000, height: 100_000, limit: 50_000_000)) {
            try Fixtures.analyze(png)
        }
        var gif = try Fixtures.python("animated.gif")
        gif.replaceSubrange((gif.startIndex + 6)..<(gif.startIndex + 10), with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: VisionError.tooLarge(width: 65_535, height: 65_535, limit: 50_000_000)) {
            try Fixtures.analyze(gif)
        }
    }

    @Test func thePixelLimitIsConfigurable() throws {
        var configuration = VisionConfiguration()
        configuration.maxPixels = 1_000
        let analyzer = try ImageAnalyzer(configuration: configuration)
        let error = #expect(throws: VisionError.self) {
            try analyzer.analyze(try Fixtures.flat(1, 2, 3, width: 40, height: 30), deadline: .now + .seconds(60))
        }
        #expect(error?.publicMessage == "image has too many pixels")
    }

    @Test func bytesOfNoImageFormatAreUnsupported() {
        for data in [Data(), Data("GIF is not just a word".utf8), Data(repeating: 0, count: 100)] {
            #expect(throws: VisionError.unsupportedFormat) { try Fixtures.analyze(data) }
        }
    }

    private func expectUndecodable(_ data: Data) throws {
        let error = #expect(throws: VisionError.self) { try Fixtures.analyze(data) }
        guard case .undecodable = error else {
            Issue.record("expected .undecodable, got \(String(describing: error))")
            return
        }
        #expect(error?.publicMessage == "image could not be decoded")
    }

    private func crc32(_ bytes: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
