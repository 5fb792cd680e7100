import Foundation
import Testing
@testable import Vision

/// The shim's own Haar scan must find exactly the windows OpenCV's CascadeClassifier finds: the
/// faces of every image stay what the original Peek's detector reports.
@Suite struct HaarScanTests {
    private static let cascade = Result { try FaceCascade(path: VisionConfiguration.defaultCascadePath) }
    private static let samples = "/usr/share/doc/opencv-doc/examples/data"

    /// The photos and pictures opencv-doc ships (about 90), those up to 0.6 MP (the debug build's
    /// scan is slow; bench/README.md shows the larger ones and the 12 MP photos at full size).
    private static func sampleNames() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: samples) else {
            throw Fixtures.Missing(description: "\(samples) is missing: apt-get install opencv-doc")
        }
        return names.filter { [".jpg", ".png"].contains(where: $0.lowercased().hasSuffix) }.sorted()
    }

    private func grey(_ data: Data) throws -> CVImage {
        try CVImage.decode(data, maxPixels: 50_000_000).fitted(maxPixels: 1_000_000).grey()
    }

    private func expectSameWindows(_ image: CVImage, minNeighbors: Int, _ name: String) throws {
        let cascade = try Self.cascade.get()
        let ours = try cascade.detect(in: image, scaleFactor: 1.1, minNeighbors: minNeighbors, minSize: 30)
        let opencv = try cascade.detectWithOpenCV(in: image, scaleFactor: 1.1, minNeighbors: minNeighbors, minSize: 30)
        #expect(ours == opencv, "\(name): \(ours.count) windows against OpenCV's \(opencv.count)")
    }

    @Test func everyWindowOfEverySamplePhotoIsOpenCVs() throws {
        let names = try Self.sampleNames()
        #expect(names.count > 50)
        for name in names {
            guard let data = FileManager.default.contents(atPath: "\(Self.samples)/\(name)"),
                  let image = try? grey(data), image.pixelCount <= 600_000 else { continue }
            try expectSameWindows(image, minNeighbors: 0, name)
        }
    }

    @Test func theGroupedFacesAreOpenCVsWithTheAnalysisParameters() throws {
        for name in ["messi5.jpg", "HappyFish.jpg", "baboon.jpg", "building.jpg", "aero3.jpg", "apple.jpg"] {
            try expectSameWindows(try grey(try Fixtures.opencvSample(name)), minNeighbors: 5, name)
        }
    }

    /// Noise has windows everywhere; the sizes take the closest-scale rule (below 30 px), a
    /// window of exactly the image, odd widths and the end of rows.
    @Test func noiseAtAwkwardSizesGivesOpenCVsWindows() throws {
        var generator = SystemRandomNumberGenerator()
        for (width, height) in [(24, 24), (25, 25), (29, 40), (30, 30), (31, 33), (47, 24), (100, 30), (333, 222), (1000, 41)] {
            let noise = try Fixtures.image(width: width, height: height) { x, y in
                let value = UInt8.random(in: 0...255, using: &generator)
                return (value, UInt8((x * 7 + y * 3) % 256), value / 2)
            }
            try expectSameWindows(try noise.grey(), minNeighbors: 0, "noise \(width)x\(height)")
        }
    }

    @Test func aFlatImageHasNoWindowToJudge() throws {
        let flat = try Fixtures.image(width: 200, height: 150) { _, _ in (128, 128, 128) }
        try expectSameWindows(try flat.grey(), minNeighbors: 0, "flat")
        let cascade = try Self.cascade.get()
        #expect(try cascade.detect(in: try flat.grey(), scaleFactor: 1.1, minNeighbors: 0, minSize: 30).isEmpty)
    }
}
