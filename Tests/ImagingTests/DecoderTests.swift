import Foundation
import ImageInspection
import Testing
@testable import Imaging

@Suite struct DecoderTests {
    @Test func decodedPixelsOutliveTheBytesTheyCameFrom() throws {
        // Regression: libvips decodes lazily and does not copy a buffer; the engine must.
        let image: VipsImage
        do {
            var jpeg = try TestImages.quadrants(.jpeg, width: 400, height: 300)
            image = try VipsImage.jpeg(bytes: jpeg, shrink: 2)
            jpeg.resetBytes(in: 0..<jpeg.count)
        }
        let thumbnail: VipsImage
        do {
            var png = try TestImages.quadrants(.png, width: 400, height: 300)
            thumbnail = try VipsImage.thumbnail(bytes: png, width: 100, height: 100, mode: .shrinkOnly)
            png.resetBytes(in: 0..<png.count)
        }
        for decoded in [image, thumbnail] {
            let pixels = try decoded.pixels()
            #expect(pixels[0] > 200 && pixels[1] < 60 && pixels[2] < 60)
        }
    }

    @Test(arguments: [
        (4000, 3000, PixelSize(width: 800, height: 800), ThumbnailMode.shrinkOnly, 4),
        (4000, 3000, PixelSize(width: 2400, height: 2400), .shrinkOnly, 1),
        (4000, 3000, PixelSize(width: 1000, height: 1000), .shrinkOnly, 4),
        (4000, 3000, PixelSize(width: 400, height: 300), .exact, 8),
        (4000, 3000, PixelSize(width: 300, height: 300), .exact, 8),
        (4000, 3000, PixelSize(width: 400, height: 1000), .exact, 2),
        (4000, 3000, PixelSize(width: 4000, height: 3000), .shrinkOnly, 1),
    ])
    func jpegIsDecodedAtTheSmallestDCTScaleThatKeepsTheTargetSize(width: Int, height: Int, box: PixelSize,
                                                                  mode: ThumbnailMode, shrink: Int) {
        let info = SourceInfo(header: ImageHeader(format: .jpeg, width: width, height: height))
        #expect(SourceDecoder.jpegShrink(from: info, to: box, mode: mode) == shrink)
    }
}
