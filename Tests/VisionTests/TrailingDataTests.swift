import Foundation
import ImageInspection
import Testing
@testable import Vision

/// Issue 10, finding 2: phones append a video after the JPEG (motion photos); such files failed
/// "image could not be decoded" about half the time, depending on the last marker-like byte pair
/// in the trailer. The decoder now finds the JPEG's end by walking its markers forwards.
@Suite struct TrailingDataTests {
    static let trailers: [(String, Data)] = [
        ("random bytes", Trailer.random(count: 50_000, seed: 1)),
        ("more random bytes", Trailer.random(count: 3_000, seed: 2)),
        ("random bytes ending in FF DA", Trailer.random(count: 3_000, seed: 3) + [0xFF, 0xDA]),
        ("an MP4 file", Trailer.mp4),
        ("FF D8 / FF D9 pairs and other markers", Trailer.markers),
        ("a second JPEG (MPF)", Trailer.secondJPEG),
    ]

    @Test(arguments: trailers)
    func aJPEGWithDataAfterItsEndIsAnalysedAsTheJPEGAlone(name: String, trailer: Data) throws {
        let jpeg = try Fixtures.opencvSample("messi5.jpg")
        let file = jpeg + trailer
        #expect(file.withUnsafeBytes { JPEGLayout($0).length } == jpeg.count)
        #expect(try Fixtures.analyze(file) == Fixtures.analyze(jpeg))
    }

    @Test(arguments: trailers)
    func aJPEGWithAnEXIFOrientationAndATrailerIsTurnedUpright(name: String, trailer: Data) throws {
        let file = try Fixtures.python("exif-6.jpg") + trailer
        let image = try ImageDecoder(maxPixels: 100_000).decode(file).image
        #expect(image.width == 120 && image.height == 80)
        #expect(close(try image.pixel(30, 20), (255, 0, 0), within: 24))
    }
}

/// Data found after the JPEGs of real files, made by hand.
enum Trailer {
    /// `count` bytes of a fixed pseudo-random sequence (SplitMix64).
    static func random(count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data((0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        })
    }

    /// An MP4 as a phone appends it: ftyp, then media data holding marker-like pairs, moov last.
    static let mp4: Data = {
        func box(_ type: String, _ payload: Data) -> Data {
            withUnsafeBytes(of: UInt32(8 + payload.count).bigEndian) { Data($0) } + Data(type.utf8) + payload
        }
        let media = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + random(count: 4_000, seed: 4) + Data([0xFF, 0xD9, 0xFF, 0xDA, 0x00, 0x0C])
        return box("ftyp", Data("mp42\0\0\0\0isommp42".utf8)) + box("mdat", media) + box("moov", random(count: 500, seed: 5))
    }()

    /// Markers of every kind, including SOI and EOI, ending in a start-of-scan.
    static let markers = Data([
        0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xE1, 0x00, 0x04, 0xFF, 0xD9, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFF, 0xFF,
        0xFF, 0xFF, 0x03, 0xFF, 0x00, 0xFF, 0xD0, 0xFF, 0xC4, 0x00, 0x02, 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08,
        0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0xFF, 0xD9, 0x34, 0xFF, 0xDA,
    ])

    /// A whole second JPEG, as Multi-Picture Format files store a preview after the main image.
    static let secondJPEG: Data = (try? Fixtures.encoded("jpg", width: 32, height: 24) { x, y in (UInt8(x * 8), UInt8(y * 10), 0) }) ?? Data()
}
