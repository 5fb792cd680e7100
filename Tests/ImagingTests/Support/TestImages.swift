import Foundation
import ImageInspection
@testable import Imaging

/// Test images whose answer is known by construction: made here through libvips' encoders, or
/// committed in Fixtures/ (made by Fixtures/make_fixtures.py with python3-pil).
enum TestImages {
    static let red: [UInt8] = [255, 0, 0]
    static let green: [UInt8] = [0, 255, 0]
    static let blue: [UInt8] = [0, 0, 255]
    static let white: [UInt8] = [255, 255, 255]

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtureURL(name))
    }

    static func fixtureURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// An 8-bit image whose pixel (x, y) is `colour(x, y)` (3 values: RGB, 4: RGBA, 1: grey).
    static func encoded(_ format: OutputFormat = .png, width: Int, height: Int, quality: Int = 95,
                        _ colour: (Int, Int) -> [UInt8]) throws -> Data {
        let bands = colour(0, 0).count
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * bands)
        for y in 0..<height {
            for x in 0..<width {
                pixels += colour(x, y)
            }
        }
        let image = try VipsImage.fromPixels(pixels, width: width, height: height, bands: bands)
        return try ImageEncoder.encode(image, as: format, quality: quality).data
    }

    static func flat(_ colour: [UInt8], _ format: OutputFormat = .png, width: Int = 64, height: Int = 48) throws -> Data {
        try encoded(format, width: width, height: height) { _, _ in colour }
    }

    /// Red | green over blue | white, each quadrant `width`/2 × `height`/2: asymmetric both ways.
    static func quadrants(_ format: OutputFormat = .png, width: Int = 120, height: Int = 80) throws -> Data {
        try encoded(format, width: width, height: height) { x, y in
            switch (x < width / 2, y < height / 2) {
            case (true, true): red
            case (false, true): green
            case (true, false): blue
            case (false, false): white
            }
        }
    }

    /// Random colours: long encodings, so that quality shows in the size.
    static func noisy(_ format: OutputFormat, width: Int = 160, height: Int = 120) throws -> Data {
        var generator = SystemRandomNumberGenerator()
        return try encoded(format, width: width, height: height, quality: 100) { _, _ in
            [UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator), 90]
        }
    }

    /// Only a PNG signature and header chunk declaring `width`×`height`: any decoding would fail.
    static func pngHeaderOnly(width: Int, height: Int) -> Data {
        func bigEndian32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(value >> (24 - 8 * $0) & 0xFF) } }
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bigEndian32(13) + Array("IHDR".utf8)
            + bigEndian32(width) + bigEndian32(height) + [8, 2, 0, 0, 0] + [0, 0, 0, 0])
    }

    static func decode(_ data: Data) throws -> DecodedImage {
        let header = try ImageHeader.read(data)
        let image = try VipsImage.thumbnail(bytes: data, size: PixelSize(width: header.width, height: header.height))
        return DecodedImage(width: image.width, height: image.height, bands: image.bands, pixels: try image.pixels())
    }
}

/// Decoded pixels of a result, to look at.
struct DecodedImage: CustomStringConvertible {
    let width: Int
    let height: Int
    let bands: Int
    let pixels: [UInt8]

    var size: PixelSize { PixelSize(width: width, height: height) }
    var description: String { "\(size) px, \(bands) bands" }

    func pixel(_ x: Int, _ y: Int) -> [UInt8] {
        let start = (y * width + x) * bands
        return Array(pixels[start..<start + bands])
    }

    /// True when every band is within `tolerance` of `colour` (lossy encoders move values a little).
    func pixel(_ x: Int, _ y: Int, is colour: [UInt8], tolerance: Int = 40) -> Bool {
        let actual = pixel(x, y)
        return actual.count >= colour.count
            && zip(actual, colour).allSatisfy { abs(Int($0) - Int($1)) <= tolerance }
    }

    /// How many pixels are within `tolerance` of `colour`.
    func count(of colour: [UInt8], tolerance: Int = 40) -> Int {
        (0..<height).reduce(0) { total, y in
            total + (0..<width).filter { pixel($0, y, is: colour, tolerance: tolerance) }.count
        }
    }
}

extension Transformer {
    /// Parses and runs `options` on `data` and decodes the result.
    func run(_ options: String, on data: Data, faces: [FaceBox] = []) throws -> (TransformedImage, DecodedImage) {
        let result = try transform(.bytes(data), steps: TransformSteps(parsing: options), faces: faces)
        return (result, try TestImages.decode(result.data))
    }
}
