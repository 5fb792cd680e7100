import Foundation
import ImageInspection
import Testing
@testable import Vision

@Suite struct FaceAnalyzerTests {
    /// Where OpenCV's own cascade finds Lionel Messi's face in opencv-doc's messi5.jpg (548x342).
    private let messi = FaceLocation(x: 226, y: 94, width: 38, height: 38)

    private func near(_ found: FaceLocation, _ expected: FaceLocation, tolerance: Double) -> Bool {
        let limit = Double(expected.width) * tolerance
        return [(found.x, expected.x), (found.y, expected.y), (found.width, expected.width),
                (found.height, expected.height)].allSatisfy { abs(Double($0 - $1)) <= limit }
    }

    @Test func findsTheOneFaceInAPhoto() throws {
        let faces = try Fixtures.analyze(try Fixtures.opencvSample("messi5.jpg")).faces
        #expect(faces.facesDetected == 1)
        #expect(faces.faceLocations.count == 1)
        #expect(near(try #require(faces.faceLocations.first), messi, tolerance: 0.1))
    }

    @Test func theDetectorAloneFindsTheFacesTheAnalysisFinds() throws {
        let photo = try Fixtures.opencvSample("messi5.jpg")
        let detected = try FaceDetector().faces(in: photo, deadline: .now + .seconds(30))
        #expect(detected == (try Fixtures.analyze(photo)).faces.faceLocations)
        #expect(detected.count == 1)
    }

    @Test func findsNoFaceInAFlatImage() throws {
        let faces = try Fixtures.analyze(try Fixtures.flat(120, 130, 140, width: 320, height: 240)).faces
        #expect(faces == FaceInsights(faceLocations: []))
    }

    @Test func boxesFoundAtTheWorkingResolutionAreInOriginalPixels() throws {
        let photo = try CVImage.decode(try Fixtures.opencvSample("messi5.jpg"), maxPixels: 1_000_000)
        let large = try photo.resized(width: photo.width * 4, height: photo.height * 4).encoded(as: "jpg")
        var configuration = VisionConfiguration()
        configuration.workingPixels = 400_000
        let analyzer = try ImageAnalyzer(configuration: configuration)
        let faces = try analyzer.analyze(large, deadline: .now + .seconds(60)).insights.faces
        let expected = FaceLocation(x: messi.x * 4, y: messi.y * 4, width: messi.width * 4, height: messi.height * 4)
        #expect(faces.facesDetected == 1)
        #expect(near(try #require(faces.faceLocations.first), expected, tolerance: 0.1))
    }

    @Test func theAnnotatedImageBoxesEachFaceInGreen() throws {
        let analysis = try Fixtures.analyzer().analyze(try Fixtures.opencvSample("messi5.jpg"), deadline: .now + .seconds(60))
        let face = try #require(analysis.insights.faces.faceLocations.first)
        let annotated = try CVImage.decode(analysis.annotatedJPEG, maxPixels: 1_000_000)
        #expect(annotated.width == 548 && annotated.height == 342)
        // The left edge, halfway down, and the top edge, halfway across.
        #expect(close(try annotated.pixel(face.x, face.y + face.height / 2), (0, 255, 0), within: 60))
        #expect(close(try annotated.pixel(face.x + face.width / 2, face.y), (0, 255, 0), within: 60))
    }

    @Test func withoutFacesTheAnnotatedImageIsAPlainCopy() throws {
        let analysis = try Fixtures.analyzer().analyze(try Fixtures.flat(200, 40, 40), deadline: .now + .seconds(60))
        let annotated = try CVImage.decode(analysis.annotatedJPEG, maxPixels: 1_000_000)
        #expect(try ImageHeader.read(analysis.annotatedJPEG).format == .jpeg)
        #expect(annotated.width == 64 && annotated.height == 48)
        #expect(close(try annotated.pixel(32, 24), (200, 40, 40), within: 4))
    }
}
