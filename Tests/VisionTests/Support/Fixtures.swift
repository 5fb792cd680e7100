import Foundation
@testable import Vision

/// Test images made at test time: synthetic ones through the shim's encoders, the rest by
/// Fixtures/make_fixtures.py (Debian python3-pil) or taken from Debian's opencv-doc samples.
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// One analyzer for the whole suite: the cascade and the OCR model load once, as in the worker.
    static func analyzer() throws -> ImageAnalyzer {
        try shared.get()
    }

    private static let shared = Result { try ImageAnalyzer() }

    static func analyze(_ data: Data, deadline: ContinuousClock.Instant = .now + .seconds(60)) throws -> Insights {
        try analyzer().analyze(data, deadline: deadline).insights
    }

    /// An RGB image whose pixel (x, y) is `colour(x, y)`.
    static func image(width: Int, height: Int, _ colour: (Int, Int) -> (UInt8, UInt8, UInt8)) throws -> CVImage {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let (r, g, b) = colour(x, y)
                pixels += [r, g, b]
            }
        }
        return try CVImage.fromPixels(pixels, width: width, height: height, channels: 3)
    }

    /// A file of `format` ("png", "jpg", "bmp", "webp") whose pixel (x, y) is `colour(x, y)`.
    static func encoded(_ format: String = "png", width: Int = 64, height: Int = 48,
                        _ colour: (Int, Int) -> (UInt8, UInt8, UInt8)) throws -> Data {
        try image(width: width, height: height, colour).encoded(as: format, quality: 95)
    }

    static func flat(_ red: UInt8, _ green: UInt8, _ blue: UInt8, width: Int = 64, height: Int = 48) throws -> Data {
        try encoded(width: width, height: height) { _, _ in (red, green, blue) }
    }

    /// A noisy image, so that its encodings are long enough to cut meaningfully.
    static func noisy(_ format: String) throws -> Data {
        var generator = SystemRandomNumberGenerator()
        return try encoded(format, width: 96, height: 64) { _, _ in
            (UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator), 90)
        }
    }

    /// A file written by make_fixtures.py.
    static func python(_ name: String) throws -> Data {
        try Data(contentsOf: try pythonDirectory.get().appendingPathComponent(name))
    }

    private static let pythonDirectory = Result<URL, any Error> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("peek-vision-fixtures-\(UUID())")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/make_fixtures.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, directory.path]
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Missing(description: "/usr/bin/python3 is missing (apt-get install python3 python3-pil fonts-dejavu-core): \(error)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Missing(description: "make_fixtures.py failed (needs python3-pil, fonts-dejavu-core): \(message)")
        }
        return directory
    }

    /// A photo from Debian's opencv-doc package.
    static func opencvSample(_ name: String) throws -> Data {
        let path = "/usr/share/doc/opencv-doc/examples/data/\(name)"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Missing(description: "\(path) is missing: apt-get install opencv-doc")
        }
        return data
    }
}
