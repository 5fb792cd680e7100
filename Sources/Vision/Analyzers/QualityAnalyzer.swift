/// Sharpness and blur from the Laplacian's variance, contrast from the grey standard deviation, and their blend.
struct QualityAnalyzer: Analyzer {
    let name = "quality"

    func analyze(_ context: AnalysisContext, into report: inout AnalysisReport) throws {
        let grey = try context.grey()
        let variance = try grey.laplacianVariance()
        let sharpness = min(variance / 10, 100)
        let contrast = min(try grey.meanAndDeviation().deviation, 100)
        report.quality = QualityInsights(
            sharpnessScore: sharpness.roundedToHundredths,
            blurLevel: variance < 100 ? .high : variance < 500 ? .medium : .low,
            contrastScore: contrast.roundedToHundredths,
            qualityScore: min(0.6 * sharpness + 0.4 * contrast, 100).roundedToHundredths
        )
    }
}
