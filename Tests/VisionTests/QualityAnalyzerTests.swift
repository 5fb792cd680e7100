import Foundation
import Testing
@testable import Vision

@Suite struct QualityAnalyzerTests {
    /// One-pixel stripes of `base` and `base + step`: every Laplacian value is ±2·step, so its
    /// variance is exactly 4·step², and the grey standard deviation is step / 2.
    private func stripes(step: UInt8) throws -> QualityInsights {
        let data = try Fixtures.encoded(width: 64, height: 32) { x, _ in
            let value: UInt8 = x % 2 == 0 ? 100 : 100 + step
            return (value, value, value)
        }
        return try Fixtures.analyze(data).quality
    }

    @Test func blurLevelFollowsTheLaplacianVarianceThresholds() throws {
        // variance 64: below 100
        #expect(try stripes(step: 4) == QualityInsights(sharpnessScore: 6.4, blurLevel: .high, contrastScore: 2,
                                                         qualityScore: 4.64))
        // variance 100: the first "medium"
        #expect(try stripes(step: 5) == QualityInsights(sharpnessScore: 10, blurLevel: .medium, contrastScore: 2.5,
                                                         qualityScore: 7))
        // variance 576: at least 500
        #expect(try stripes(step: 12) == QualityInsights(sharpnessScore: 57.6, blurLevel: .low, contrastScore: 6,
                                                          qualityScore: 36.96))
    }

    @Test func aSharpPatternIsLowBlurAndItsSmoothTwinHigh() throws {
        // The same 32-pixel period: hard-edged squares, then a smooth sine.
        func wave(_ x: Int, _ y: Int) -> Double { sin(Double(x) * .pi / 16) * sin(Double(y) * .pi / 16) }
        let sharp = try Fixtures.analyze(try Fixtures.encoded(width: 128, height: 128) { x, y in
            let value: UInt8 = wave(x, y) >= 0 ? 228 : 28
            return (value, value, value)
        }).quality
        let smooth = try Fixtures.analyze(try Fixtures.encoded(width: 128, height: 128) { x, y in
            let value = UInt8(128 + 100 * wave(x, y))
            return (value, value, value)
        }).quality
        #expect(sharp.blurLevel == .low)
        #expect(sharp.sharpnessScore == 100)
        #expect(smooth.blurLevel == .high)
        #expect(smooth.sharpnessScore < 5)
    }

    @Test func scoresAreCappedAt100() throws {
        let data = try Fixtures.encoded { x, y in (x + y) % 2 == 0 ? (0, 0, 0) : (255, 255, 255) }
        #expect(try Fixtures.analyze(data).quality == QualityInsights(sharpnessScore: 100, blurLevel: .low,
                                                                     contrastScore: 100, qualityScore: 100))
    }
}
