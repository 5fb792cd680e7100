import Foundation
import ImageInspection
import Testing
@testable import Imaging

@Suite struct PresetTests {
    let transformer = Transformer()

    @Test(arguments: [
        (RenditionPreset.thumbnail, 2000, 1000, PixelSize(width: 800, height: 400)),
        (.thumbnail, 1000, 2000, PixelSize(width: 400, height: 800)),
        (.thumbnail, 300, 200, PixelSize(width: 300, height: 200)),
        (.web, 3000, 1500, PixelSize(width: 2400, height: 1200)),
        (.web, 2000, 1000, PixelSize(width: 2000, height: 1000)),
    ])
    func aPresetFitsItsBoxAndNeverEnlarges(preset: RenditionPreset, width: Int, height: Int, size: PixelSize) throws {
        let source = try TestImages.quadrants(.jpeg, width: width, height: height)
        let rendition = try transformer.render(preset, from: .bytes(source))
        #expect(rendition.format == .webp)
        #expect(try ImageHeader.read(rendition.data).format == .webp)
        #expect(PixelSize(width: rendition.width, height: rendition.height) == size)
        #expect(try TestImages.decode(rendition.data).size == size)
    }

    @Test func presetsHaveTheirQualities() {
        #expect(RenditionPreset.thumbnail.quality == 90)
        #expect(RenditionPreset.web.quality == 92)
    }

    @Test func aPresetFromAFileEqualsOneFromItsBytes() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("photo.jpg")
            try TestImages.quadrants(.jpeg, width: 1600, height: 1200).write(to: file)
            let fromFile = try transformer.render(.thumbnail, from: .file(file.path))
            let fromBytes = try transformer.render(.thumbnail, from: .bytes(try Data(contentsOf: file)))
            #expect(fromFile == fromBytes)
        }
    }

    @Test func aPresetKeepsAlpha() throws {
        let source = try TestImages.encoded(width: 40, height: 20) { x, _ in x < 20 ? [255, 0, 0, 255] : [0, 0, 255, 0] }
        let decoded = try TestImages.decode(try transformer.render(.thumbnail, from: .bytes(source)).data)
        #expect(decoded.bands == 4)
        #expect(decoded.pixel(35, 10)[3] == 0)
    }

    @Test func aPresetOfAnAnimatedGIFIsItsFirstFrame() throws {
        let decoded = try TestImages.decode(try transformer.render(.web, from: .bytes(try TestImages.fixture("animated.gif"))).data)
        #expect(decoded.count(of: TestImages.red, tolerance: 20) == 40 * 30)
    }

    @Test func aSourceOverTheSourceLimitIsRefused() {
        #expect(throws: TransformError.sourceTooLarge(size: PixelSize(width: 100_000, height: 100_000), limit: 50_000_000)) {
            try transformer.render(.thumbnail, from: .bytes(TestImages.pngHeaderOnly(width: 100_000, height: 100_000)))
        }
    }

    @Test func aBatchWritesOneWebPPerFile() throws {
        try withTemporaryDirectory { directory in
            let files = try ["one.jpg", "two.png"].map { name in
                let file = directory.appendingPathComponent(name)
                try TestImages.quadrants(name.hasSuffix("jpg") ? .jpeg : .png, width: 1000, height: 500).write(to: file)
                return file.path
            }
            let written = try RenditionBatch.write(.thumbnail, files: files, into: directory.path)
            #expect(written == [directory.appendingPathComponent("one.webp").path, directory.appendingPathComponent("two.webp").path])
            for path in written {
                #expect(try ImageHeader.read(try Data(contentsOf: URL(fileURLWithPath: path))) ==
                        ImageHeader(format: .webp, width: 800, height: 400))
            }
        }
    }

    func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peek-imaging-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }
}
