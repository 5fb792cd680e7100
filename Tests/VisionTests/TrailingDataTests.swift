import Foundation
import ImageInspection
import Testing
@testable import Vision

/// Issue 10, finding 2: phones append a video after the JPEG (motion photos); such files failed
/// "image could not be decoded" about half the time, depending on the last marker-like byte pair
/// in the trailer. The decoder now finds the JPEG's end by walking its markers forwards.
@Suite struct TrailingDataTests {
    @Test(arguments: Trailer.allCases)
    func aJPEGWithDataAfterItsEndIsAnalysedAsTheJPEGAlone(_ trailer: Trailer) throws {
        let jpeg = try Fixtures.opencvSample("messi5.jpg")
        let file = jpeg + (try trailer.bytes())
        #expect(file.withUnsafeBytes { JPEGLayout($0).length } == jpeg.count)
        #expect(try Fixtures.analyze(file) == Fixtures.analyze(jpeg))
    }

    @Test(arguments: Trailer.allCases)
    func aJPEGWithAnEXIFOrientationAndATrailerIsTurnedUpright(_ trailer: Trailer) throws {
        let file = try Fixtures.python("exif-6.jpg") + (try trailer.bytes())
        let image = try ImageDecoder(maxPixels: 100_000).decode(file).image
        #expect(image.width == 120 && image.height == 80)
        #expect(close(try image.pixel(30, 20), (255, 0, 0), within: 24))
    }
}

/// Data found after the JPEGs of real files, made by hand.
enum Trailer: CaseIterable, Sendable {
    case randomBytes, moreRandomBytes, randomBytesEndingInStartOfScan, mp4File, markerPairs, secondJPEG

    func bytes() throws -> Data {
        switch self {
        case .randomBytes: Self.random(count: 50_000, seed: 1)
        case .moreRandomBytes: Self.random(count: 3_000, seed: 2)
        // The old backwards search for EOI took this for a scan without an end.
        case .randomBytesEndingInStartOfScan: Self.random(count: 3_000, seed: 3) + [0xFF, 0xDA]
        case .mp4File: Self.mp4
        case .markerPairs: Self.markers
        // Multi-Picture Format files store a preview JPEG after the main one.
        case .secondJPEG: try Fixtures.encoded("jpg", width: 32, height: 24) { x, y in (UInt8(x * 8), UInt8(y * 10), 0) }
        }
    }

    /// `count` bytes of a fixed pseudo-random sequence (SplitMix64).
    private static func random(count: Int, seed: UInt64) -> Data {
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
    private static var mp4: Data {
        func box(_ type: String, _ payload: Data) -> Data {
            withUnsafeBytes(of: UInt32(8 + payload.count).bigEndian) { Data($0) } + Data(type.utf8) + payload
        }
        let media = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + random(count: 4_000, seed: 4) + Data([0xFF, 0xD9, 0xFF, 0xDA, 0x00, 0x0C])
        return box("ftyp", Data("mp42\0\0\0\0isommp42".utf8)) + box("mdat", media) + box("moov", random(count: 500, seed: 5))
    }

    /// Markers of every kind, including SOI and EOI, ending in a start-of-scan.
    private static let markers = Data([
        0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xE1, 0x00, 0x04, 0xFF, 0xD9, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFF, 0xFF,
        0xFF, 0xFF, 0x03, 0xFF, 0x00, 0xFF, 0xD0, 0xFF, 0xC4, 0x00, 0x02, 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08,
        0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0xFF, 0xD9, 0x34, 0xFF, 0xDA,
    ])
}
