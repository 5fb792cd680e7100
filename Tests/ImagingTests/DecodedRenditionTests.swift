import Foundation
import ImageInspection
import Testing
@testable import Imaging

/// Presets made from pixels the analysis already decoded, in place of decoding the file again.
@Suite struct DecodedRenditionTests {
    let transformer = Transformer()

    /// The upright pixels of a file as the analysis lends them: BGR rows.
    private func bgr(_ data: Data) throws -> (pixels: [UInt8], size: PixelSize) {
        let decoded = try TestImages.decode(data)
        #expect(decoded.bands == 3)
        var pixels = decoded.pixels
        for index in stride(from: 0, to: pixels.count, by: 3) { pixels.swapAt(index, index + 2) }
        return (pixels, decoded.size)
    }

    private func meanDifference(_ a: DecodedImage, _ b: DecodedImage) -> Double {
        Double(zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.pixels.count)
    }

    @Test(arguments: [(RenditionPreset.thumbnail, 4000, 3000), (.web, 4000, 3000), (.thumbnail, 640, 480), (.web, 640, 480),
                      (.thumbnail, 2400, 900)])
    func aPresetFromDecodedPixelsLooksLikeTheOneFromTheFile(preset: RenditionPreset, width: Int, height: Int) throws {
        let source = try TestImages.quadrants(.jpeg, width: width, height: height)
        let (pixels, size) = try bgr(source)
        let shared = try pixels.withUnsafeBytes { buffer in
            try RenditionPixels(bgr: buffer, rowBytes: size.width * 3, width: size.width, height: size.height)
        }
        let fromPixels = try transformer.render(preset, from: shared)
        let fromFile = try transformer.render(preset, from: .bytes(source))
        #expect(fromPixels.format == .webp)
        #expect(try ImageHeader.read(fromPixels.data).format == .webp)
        #expect(PixelSize(width: fromPixels.width, height: fromPixels.height) == preset.size(for: size))
        let (a, b) = (try TestImages.decode(fromPixels.data), try TestImages.decode(fromFile.data))
        #expect(a.size == b.size)
        // Colours in RGB order again, and the same picture up to resampling and encoding.
        #expect(a.pixel(a.width / 4, a.height / 4, is: [255, 0, 0]))
        #expect(meanDifference(a, b) < 3, "mean difference \(meanDifference(a, b))")
    }

    /// Regression: with no preset smaller than the source, the RGB swap once ran on the decoded
    /// rows themselves, and the analyzers read red for blue (scene and colours changed).
    @Test(arguments: [(640, 480), (4000, 3000)])
    func theDecodedRowsAreLeftAsTheyWere(width: Int, height: Int) throws {
        let (pixels, size) = try bgr(try TestImages.quadrants(.jpeg, width: width, height: height))
        var lent = pixels
        _ = try lent.withUnsafeMutableBytes { buffer in
            try RenditionPixels(bgr: UnsafeRawBufferPointer(buffer), rowBytes: size.width * 3, width: size.width,
                                height: size.height)
        }
        #expect(lent == pixels)
    }

    @Test func pixelsThatDoNotMatchTheirSizeAreRefused() {
        #expect(throws: TransformError.self) {
            try [UInt8](repeating: 0, count: 3).withUnsafeBytes { buffer in
                try RenditionPixels(bgr: buffer, rowBytes: 6, width: 2, height: 2)
            }
        }
    }

    @Test func onlyFilesWhoseDecodingIsTheAnalysissAreRenderedFromItsPixels() throws {
        try withTemporaryDirectory { directory in
            func check(_ data: Data, _ name: String) throws -> Bool {
                // (throws only when the file cannot be written or its header read)
                let file = directory.appendingPathComponent(name)
                try data.write(to: file)
                return Transformer.decodesAsAnalysed(file: file.path, info: try SourceInfo.read(.file(file.path)))
            }
            let plain = [try check(TestImages.quadrants(.jpeg), "plain.jpg"), try check(TestImages.quadrants(.png), "plain.png")]
            #expect(plain == [true, true])
            // Alpha, CMYK, 16 bits, GIF and a PNG to turn upright keep their own decoding.
            let others = [try check(TestImages.encoded(width: 8, height: 8) { _, _ in [1, 2, 3, 0] }, "alpha.png"),
                          try check(TestImages.fixture("cmyk.jpg"), "cmyk.jpg"),
                          try check(TestImages.fixture("deep.png"), "deep.png"),
                          try check(TestImages.fixture("animated.gif"), "animated.gif"),
                          try check(TestImages.fixture("exif-6.png"), "exif-6.png")]
            #expect(others == [false, false, false, false, false])
        }
    }

    private func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peek-imaging-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }
}
