import Foundation
import Testing
@testable import Vision

@Suite struct SceneAnalyzerTests {
    private func scene(_ data: Data) throws -> SceneInsights {
        try Fixtures.analyze(data).scene
    }

    @Test func allSkyBlueIsOutdoorWithFullConfidence() throws {
        // HSV (108, 144, 230): inside H 90...130, S and V >= 50.
        #expect(try scene(try Fixtures.flat(100, 150, 230)) == SceneInsights(sceneType: .outdoor, sceneConfidence: 1))
    }

    @Test func allGreenIsNatureWithFullConfidence() throws {
        // HSV (65, 191, 160): inside H 35...85.
        #expect(try scene(try Fixtures.flat(40, 160, 60)) == SceneInsights(sceneType: .nature, sceneConfidence: 1))
    }

    @Test func confidenceGrowsWithTheBlueShare() throws {
        // 40% sky over white: blue share 0.4, mean V well above 100, so 0.6 + 0.4 * 0.4.
        let data = try Fixtures.encoded(width: 50, height: 20) { x, _ in x < 20 ? (100, 150, 230) : (255, 255, 255) }
        #expect(try scene(data) == SceneInsights(sceneType: .outdoor, sceneConfidence: 0.76))
    }

    @Test func darkGreySaturatedImagesAreIndoorWithTheirOwnConfidence() throws {
        #expect(try scene(try Fixtures.flat(20, 20, 20)) == SceneInsights(sceneType: .indoor, sceneConfidence: 0.7))
        #expect(try scene(try Fixtures.flat(200, 200, 200)) == SceneInsights(sceneType: .indoor, sceneConfidence: 0.6))
        #expect(try scene(try Fixtures.flat(200, 30, 30)) == SceneInsights(sceneType: .indoor, sceneConfidence: 0.5))
    }

    @Test func darkBlueIsNotOutdoor() throws {
        // Blue share 1 but mean V 90 (not above 100), and no green: the dark rule decides.
        #expect(try scene(try Fixtures.flat(20, 40, 90)) == SceneInsights(sceneType: .indoor, sceneConfidence: 0.5))
    }
}
