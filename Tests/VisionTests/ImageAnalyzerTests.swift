import Foundation
import Testing
@testable import Vision

@Suite struct ImageAnalyzerTests {
    @Test func insightsEncodeWithExactlyTheSpecFieldNames() throws {
        let insights = try Fixtures.analyze(try Fixtures.opencvSample("messi5.jpg"))
        let object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(insights)) as? [String: Any])
        #expect(Set(object.keys) == [
            "dominant_colors", "color_shares", "brightness", "faces_detected", "face_locations", "text_found",
            "extracted_text", "word_count", "sharpness_score", "blur_level", "contrast_score", "quality_score",
            "scene_type", "scene_confidence", "width", "height", "format",
        ])
        let location = try #require((object["face_locations"] as? [[String: Any]])?.first)
        #expect(Set(location.keys) == ["x", "y", "width", "height"])
        #expect(try JSONDecoder().decode(Insights.self, from: try JSONEncoder().encode(insights)) == insights)
    }

    @Test func theJobsProcessingTimeIsAnInsightOnceTheWorkerSetsIt() throws {
        var insights = try Fixtures.analyze(try Fixtures.flat(10, 20, 30))
        let unset = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(insights)) as? [String: Any])
        #expect(unset["processing_ms"] == nil)
        insights.processingMs = 42
        let object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(insights)) as? [String: Any])
        #expect(object["processing_ms"] as? Int == 42)
        #expect(object["brightness"] != nil)
        #expect(try JSONDecoder().decode(Insights.self, from: try JSONEncoder().encode(insights)).processingMs == 42)
    }

    @Test func aPassedDeadlineTimesOut() throws {
        let error = #expect(throws: VisionError.self) {
            try Fixtures.analyzer().analyze(try Fixtures.flat(1, 2, 3), deadline: .now - .seconds(1))
        }
        #expect(error?.publicMessage == "analysis timed out")
    }

    @Test func resultsRepeatAndDoNotDependOnConcurrency() throws {
        let photo = try Fixtures.opencvSample("fruits.jpg")
        var configuration = VisionConfiguration()
        configuration.concurrent = false
        let serial = try ImageAnalyzer(configuration: configuration)
        let first = try Fixtures.analyze(photo)
        #expect(try Fixtures.analyze(photo) == first)
        #expect(try serial.analyze(photo, deadline: .now + .seconds(60)).insights == first)
    }

    @Test func aMissingCascadeIsAConfigurationError() {
        var configuration = VisionConfiguration()
        configuration.cascadePath = "/nonexistent/cascade.xml"
        let error = #expect(throws: VisionError.self) { try ImageAnalyzer(configuration: configuration) }
        guard case .configuration = error else {
            Issue.record("expected .configuration, got \(String(describing: error))")
            return
        }
    }

    @Test func aMissingLanguageIsAConfigurationError() {
        var configuration = VisionConfiguration()
        configuration.language = "xx-none"
        #expect(throws: VisionError.self) { try ImageAnalyzer(configuration: configuration) }
    }

    @Test func workAlongsideGetsTheDecodedPixelsAndChangesNothing() throws {
        let photo = try Fixtures.opencvSample("messi5.jpg")
        let analyzer = try Fixtures.analyzer()
        let alone = try analyzer.analyze(photo, deadline: .now + .seconds(60))
        let seen = Locked<(Int, Int, [UInt8])?>(nil)
        let beside = try analyzer.analyze(photo, deadline: .now + .seconds(60)) { image in
            // Lent until released: the upright BGR rows, without the face boxes drawn after.
            image.withBGR { pixels, rowBytes in seen.set((image.width, rowBytes, Array(pixels))) }
            image.release()
        }
        let (width, rowBytes, bgr) = try #require(seen.value)
        #expect((width, rowBytes, bgr.count) == (548, 548 * 3, 548 * 342 * 3))
        let decoded = try CVImage.decode(photo, maxPixels: 50_000_000).rgbPixels()
        var rgb = bgr
        for index in stride(from: 0, to: rgb.count, by: 3) { rgb.swapAt(index, index + 2) }
        #expect(rgb == decoded)
        #expect(beside.insights == alone.insights)
        #expect(beside.annotatedJPEG == alone.annotatedJPEG)
    }

    @Test func anUndecodableImageRunsNothingAlongside() throws {
        let ran = Locked<Bool>(false)
        #expect(throws: VisionError.self) {
            try Fixtures.analyzer().analyze(Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]), deadline: .now + .seconds(5)) { _ in ran.set(true) }
        }
        #expect(ran.value == false)
    }
}

/// A value set from another thread.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    func set(_ value: Value) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
