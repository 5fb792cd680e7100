/// Outdoor, nature or indoor from the shares of sky-blue and foliage-green pixels and the mean saturation and value.
struct SceneAnalyzer: Analyzer {
    let name = "scene"

    private static let blue = HSVRange(low: (90, 50, 50), high: (130, 255, 255))
    private static let green = HSVRange(low: (35, 50, 50), high: (85, 255, 255))

    func analyze(_ context: AnalysisContext, into report: inout AnalysisReport) throws {
        let hsv = try context.image.hsvSummary([Self.blue, Self.green])
        let (blue, green) = (hsv.shares[0], hsv.shares[1])
        let (scene, confidence): (SceneType, Double) =
            if blue > 0.3 && hsv.meanValue > 100 { (.outdoor, min(0.6 + 0.4 * blue, 1)) }
            else if green > 0.3 { (.nature, min(0.6 + 0.4 * green, 1)) }
            else if hsv.meanValue < 80 { (.indoor, 0.7) }
            else if hsv.meanSaturation < 50 { (.indoor, 0.6) }
            else { (.indoor, 0.5) }
        report.scene = SceneInsights(sceneType: scene, sceneConfidence: confidence.roundedToHundredths)
    }
}
