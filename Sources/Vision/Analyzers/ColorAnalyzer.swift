import Foundation

/// Dominant colours (k-means, k = 5) and brightness, over every pixel or a grid sample of a big image.
struct ColorAnalyzer: Analyzer {
    let name = "colors"
    /// At most this many pixels go into k-means; nil: all.
    let maxSamples: Int?

    func analyze(_ context: AnalysisContext, into report: inout AnalysisReport) throws {
        let clusters = try context.image.colorClusters(maxClusters: 5, maxSamples: maxSamples)
        // The mean of a weighted sum is the weighted sum of the channel means: exact, with no grey rounding.
        let mean = try context.image.meanRGB()
        let luma = 0.299 * mean.red + 0.587 * mean.green + 0.114 * mean.blue
        report.colors = ColorInsights(
            dominantColors: clusters.map { String(format: "#%02x%02x%02x", $0.red, $0.green, $0.blue) },
            colorShares: clusters.map { ($0.share * 10_000).rounded() / 10_000 },
            brightness: Int(min(max(luma, 0), 255))
        )
    }
}
