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
        #expect(ExifOrientationReader.read(jpeg, format: .jpeg) == .found(.topLeft))
    }
}

@Suite struct SourceInfoTests {
    /// exif-6.jpg with two nearly full APP2 segments before its EXIF: the tag and the frame
    /// header lie past the first 64 KiB.
    func paddedJPEG() throws -> Data {
        let original = try TestImages.fixture("exif-6.jpg")
        let segment: [UInt8] = [0xFF, 0xE2, 0xFF, 0xFF] + Array(repeating: 0x20, count: 0xFFFF - 2)
        return Data(original.prefix(2)) + Data(segment + segment) + original.dropFirst(2)
    }

    @Test func tagsBeyondTheFirstBytesAreFoundInBytesAndFiles() throws {
        let padded = try paddedJPEG()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("peek-padded-\(UUID()).jpg")
        try padded.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        for source in [TransformSource.bytes(padded), .file(file.path)] {
            let info = try SourceInfo.read(source)
            #expect(info.orientation == .rightTop)
            #expect(info.upright == PixelSize(width: 120, height: 80))
        }
        #expect(try TestImages.decode(Transformer().transform(.file(file.path), steps: TransformSteps()).data).size
                == PixelSize(width: 120, height: 80))
    }

    @Test func aSourceThatIsNoImageIsUnsupportedHoweverLong() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("peek-text-\(UUID()).txt")
        try Data(repeating: 0x41, count: 200_000).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: TransformError.unsupportedSource) { try SourceInfo.read(.file(file.path)) }
    }
}
