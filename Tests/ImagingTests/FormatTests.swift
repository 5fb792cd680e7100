import Foundation
import ImageInspection
import Testing
@testable import Imaging

@Suite struct FormatTests {
    let transformer = Transformer()

    @Test(arguments: [
        ("format:jpeg", OutputFormat.jpeg, [0xFF, 0xD8, 0xFF] as [UInt8]),
        ("format:png", .png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("format:webp", .webp, Array("RIFF".utf8)),
    ])
    func theOutputHasTheFormatsMagicBytes(options: String, format: OutputFormat, magic: [UInt8]) throws {
        let (result, _) = try transformer.run(options, on: try TestImages.quadrants())
        #expect(result.format == format)
        #expect(result.contentType == format.contentType)
        #expect(Array(result.data.prefix(magic.count)) == magic)
        if format == .webp { #expect(Array(result.data[8..<12]) == Array("WEBP".utf8)) }
    }

    @Test(arguments: [
        ("quadrants.bmp", ImageFormat.png), ("animated.gif", .png), ("exif-1.jpg", .jpeg), ("exif-6.png", .png),
        ("exif-6.webp", .webp),
    ])
    func withoutAFormatTheSourceFormatIsKept(fixture: String, expected: ImageFormat) throws {
        let (result, _) = try transformer.run("grayscale", on: try TestImages.fixture(fixture))
        #expect(try ImageHeader.read(result.data).format == expected)
    }

    @Test(arguments: [OutputFormat.jpeg, .webp])
    func higherQualityMeansMoreBytes(format: OutputFormat) throws {
        let source = try TestImages.noisy(.png)
        let sizes = try [10, 40, 70, 95].map { quality in
            try transformer.run("format:\(format.rawValue)/quality:\(quality)", on: source).0.data.count
        }
        #expect(sizes == sizes.sorted())
        #expect(Set(sizes).count == sizes.count)
    }

    @Test(arguments: [OutputFormat.png, .webp])
    func alphaSurvivesIntoPNGAndWebP(format: OutputFormat) throws {
        let source = try TestImages.encoded(width: 40, height: 20) { x, _ in x < 20 ? [255, 0, 0, 255] : [0, 0, 255, 0] }
        let (_, decoded) = try transformer.run("format:\(format.rawValue)/quality:100", on: source)
        #expect(decoded.bands == 4)
        #expect(decoded.pixel(5, 10, is: [255, 0, 0, 255], tolerance: 8))
        #expect(decoded.pixel(35, 10)[3] == 0)
    }

    @Test func alphaIsFlattenedOntoWhiteForJPEG() throws {
        let source = try TestImages.encoded(width: 40, height: 20) { x, _ in x < 20 ? [255, 0, 0, 255] : [0, 0, 255, 0] }
        let (_, decoded) = try transformer.run("format:jpeg", on: source)
        #expect(decoded.bands == 3)
        #expect(decoded.pixel(5, 10, is: TestImages.red))
        #expect(decoded.pixel(35, 10, is: TestImages.white))
    }

    @Test func alphaSurvivesSteps() throws {
        let source = try TestImages.encoded(width: 40, height: 20) { x, _ in x < 20 ? [255, 0, 0, 255] : [0, 0, 255, 0] }
        let (_, decoded) = try transformer.run("resize:fit:20:20/grayscale/brightness:10/rotate:90", on: source)
        #expect(decoded.bands == 2)
        #expect(decoded.pixel(5, 2)[1] == 255)
        #expect(decoded.pixel(5, 17)[1] == 0)
    }

    @Test func aTransparentGIFBecomesATransparentPNG() throws {
        let (result, decoded) = try transformer.run("", on: try TestImages.fixture("transparent.gif"))
        #expect(result.format == .png)
        #expect(decoded.bands == 4)
        #expect(decoded.pixel(5, 5, is: [255, 0, 0, 255], tolerance: 0))
        #expect(decoded.pixel(35, 5)[3] == 0)
    }

    @Test func anAnimatedGIFGivesItsFirstFrame() throws {
        let (_, decoded) = try transformer.run("resize:fit:20:20", on: try TestImages.fixture("animated.gif"))
        #expect(decoded.size == PixelSize(width: 20, height: 15))
        #expect(decoded.count(of: TestImages.red, tolerance: 10) == 20 * 15)
    }

    @Test func aBMPIsDecoded() throws {
        let (_, decoded) = try transformer.run("", on: try TestImages.fixture("quadrants.bmp"))
        #expect(decoded.size == PixelSize(width: 24, height: 16))
        #expect(decoded.pixel(2, 2, is: TestImages.red, tolerance: 0))
        #expect(decoded.pixel(20, 14, is: TestImages.white, tolerance: 0))
    }

    @Test func aCMYKJPEGBecomesRGB() throws {
        let (_, decoded) = try transformer.run("format:png", on: try TestImages.fixture("cmyk.jpg"))
        #expect(decoded.bands == 3)
        // Through libvips' CMYK profile rather than Pillow's naive inversion: close, not equal.
        #expect(decoded.pixel(20, 15, is: [200, 40, 40], tolerance: 40))
    }

    @Test func aSixteenBitPNGBecomesEightBit() throws {
        let (_, decoded) = try transformer.run("brightness:10", on: try TestImages.fixture("deep.png"))
        #expect(decoded.bands == 1)
        #expect(abs(Int(decoded.pixel(20, 15)[0]) - (155 + 26)) <= 2)
    }

    @Test func bytesThatAreNoImageAreUnsupported() {
        #expect(throws: TransformError.unsupportedSource) {
            try transformer.transform(.bytes(Data("not an image at all".utf8)), steps: TransformSteps())
        }
    }

    @Test func aDamagedImageIsUndecodable() throws {
        let header = TestImages.pngHeaderOnly(width: 40, height: 30)
        do {
            _ = try transformer.transform(.bytes(header), steps: TransformSteps(parsing: "resize:fit:10:10"))
            Issue.record("a header alone decoded")
        } catch {
            guard case .undecodableSource = error else { Issue.record("\(error)"); return }
            #expect(error.description == "the image is damaged or cannot be decoded")
            #expect(error.internalDetail?.isEmpty == false)
        }
    }

    @Test func aTruncatedJPEGIsUndecodable() throws {
        let whole = try TestImages.noisy(.jpeg)
        let cut = whole.prefix(whole.count / 2)
        do {
            _ = try transformer.transform(.bytes(cut), steps: TransformSteps(parsing: "grayscale"))
            Issue.record("a truncated JPEG decoded")
        } catch {
            guard case .undecodableSource = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func aFileSourceGivesTheSameAsItsBytes() throws {
        let url = TestImages.fixtureURL("exif-6.jpg")
        let steps = try TransformSteps(parsing: "resize:fill:30:30/format:png")
        let fromFile = try transformer.transform(.file(url.path), steps: steps)
        let fromBytes = try transformer.transform(.bytes(try Data(contentsOf: url)), steps: steps)
        #expect(fromFile == fromBytes)
    }

    @Test func aMissingFileIsAProcessingFailure() {
        do {
            _ = try transformer.transform(.file("/nonexistent/peek-image"), steps: TransformSteps())
            Issue.record("a missing file was read")
        } catch {
            guard case .processingFailed = error else { Issue.record("\(error)"); return }
        }
    }
}

@Suite struct MetadataTests {
    @Test func aWebPFromAnOrientedJPEGHasNoExifChunkAndStillDecodes() throws {
        // Regression: libvips 8.14.1 writes the source's EXIF (orientation 6) into WebP despite `strip`.
        for result in [try Transformer().transform(.bytes(try TestImages.fixture("exif-6.jpg")), steps: TransformSteps(parsing: "format:webp")),
                       try Transformer().render(.thumbnail, from: .file(TestImages.fixtureURL("exif-6.jpg").path))] {
            #expect(result.data.range(of: Data("EXIF".utf8)) == nil)
            #expect(result.data.range(of: Data("Exif".utf8)) == nil)
            let riffSize = result.data[4..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
            #expect(riffSize == result.data.count - 8)
            #expect(try TestImages.decode(result.data).size == PixelSize(width: 120, height: 80))
        }
    }

    @Test func aWebPWithoutMetadataIsLeftAlone() throws {
        let plain = try TestImages.quadrants(.webp)
        #expect(WebPMetadataStripper.stripped(plain) == plain)
        let garbage = Data("RIFF....WEBPVP8X".utf8)
        #expect(WebPMetadataStripper.stripped(garbage) == garbage)
    }

    @Test func aTruncatedJPEGFileIsUndecodable() throws {
        let whole = try TestImages.noisy(.jpeg)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("peek-truncated-\(UUID()).jpg")
        try whole.prefix(whole.count - 100).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try Transformer().render(.thumbnail, from: .file(file.path))
            Issue.record("a truncated JPEG file decoded")
        } catch {
            #expect(error == .undecodableSource(detail: "JPEG data ends before its end-of-image marker"))
        }
    }
}
