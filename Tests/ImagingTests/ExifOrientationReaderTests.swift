import Foundation
import ImageInspection
import Testing
@testable import Imaging

@Suite struct ExifOrientationReaderTests {
    @Test(arguments: 1...8)
    func theJPEGTagIsRead(orientation: Int) throws {
        let bytes = Array(try TestImages.fixture("exif-\(orientation).jpg"))
        #expect(ExifOrientationReader.read(bytes, format: .jpeg) == .found(ExifOrientation(rawValue: orientation)!))
    }

    @Test(arguments: [("exif-6.png", ImageFormat.png), ("exif-6.webp", .webp)])
    func thePNGAndWebPTagsAreRead(name: String, format: ImageFormat) throws {
        #expect(ExifOrientationReader.read(Array(try TestImages.fixture(name)), format: format) == .found(.rightTop))
    }

    @Test(arguments: [OutputFormat.jpeg, .png, .webp])
    func anImageWithoutExifIsUpright(format: OutputFormat) throws {
        let bytes = Array(try TestImages.quadrants(format))
        let imageFormat = try ImageHeader.read(Data(bytes)).format
        #expect(ExifOrientationReader.read(bytes, format: imageFormat) == .absent)
    }

    @Test func gifAndBMPHaveNoOrientation() throws {
        #expect(ExifOrientationReader.read(Array(try TestImages.fixture("animated.gif")), format: .gif) == .absent)
        #expect(ExifOrientationReader.read(Array(try TestImages.fixture("quadrants.bmp")), format: .bmp) == .absent)
    }

    @Test func bytesCutBeforeTheTagAskForMore() throws {
        let jpeg = Array(try TestImages.fixture("exif-6.jpg"))
        #expect(ExifOrientationReader.read(Array(jpeg.prefix(20)), format: .jpeg) == .needsMoreBytes)
        let webp = Array(try TestImages.fixture("exif-6.webp"))
        #expect(ExifOrientationReader.read(Array(webp.prefix(webp.count - 4)), format: .webp) == .needsMoreBytes)
    }

    @Test func anyPrefixOfAnyFixtureIsReadWithoutCrashing() throws {
        for (name, format) in [("exif-6.jpg", ImageFormat.jpeg), ("exif-6.png", .png), ("exif-6.webp", .webp)] {
            let bytes = Array(try TestImages.fixture(name))
            for length in 0...bytes.count {
                _ = ExifOrientationReader.read(Array(bytes.prefix(length)), format: format)
            }
        }
    }

    @Test func corruptTIFFIsTreatedAsUpright() {
        // SOI, then APP1 "Exif\0\0" with a TIFF header whose first directory lies past the end.
        let tiff: [UInt8] = Array("MM".utf8) + [0, 42, 0x7F, 0xFF, 0xFF, 0xFF]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + [0xFF, 0xDA, 0, 2]
        #expect(ExifOrientationReader.read(jpeg, format: .jpeg) == .absent)
    }
}
