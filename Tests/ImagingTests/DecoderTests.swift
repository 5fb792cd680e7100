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
            thumbnail = try VipsImage.thumbnail(bytes: png, size: PixelSize(width: 100, height: 75))
            png.resetBytes(in: 0..<png.count)
        }
        for decoded in [image, thumbnail] {
            let pixels = try decoded.pixels()
            #expect(pixels[0] > 200 && pixels[1] < 60 && pixels[2] < 60)
        }
    }

    @Test(arguments: [
        (4000, 3000, PixelSize(width: 800, height: 600), 2),
        (4000, 3000, PixelSize(width: 2400, height: 1800), 1),
        (4000, 3000, PixelSize(width: 1000, height: 750), 2),
        (4000, 3000, PixelSize(width: 500, height: 375), 4),
        (4000, 3000, PixelSize(width: 250, height: 180), 8),
        (4000, 3000, PixelSize(width: 400, height: 300), 4),
        (4000, 3000, PixelSize(width: 400, height: 1000), 1),
        (4000, 3000, PixelSize(width: 1999, height: 1499), 1),
        (4000, 3000, PixelSize(width: 4000, height: 3000), 1),
    ])
    func jpegIsDecodedAtTheLargestDCTScaleThatLeavesAResizeOfTwo(width: Int, height: Int, size: PixelSize, shrink: Int) {
        let info = SourceInfo(header: ImageHeader(format: .jpeg, width: width, height: height))
        #expect(SourceDecoder.jpegShrink(from: info, to: size) == shrink)
    }
}
