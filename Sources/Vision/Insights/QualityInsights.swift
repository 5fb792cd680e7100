/// Sharpness, blur, contrast and their combined quality; scores 0...100, 2 decimals.
public struct QualityInsights: Codable, Equatable, Sendable {
    public var sharpnessScore: Double
    public var blurLevel: BlurLevel
    public var contrastScore: Double
    public var qualityScore: Double

    public init(sharpnessScore: Double, blurLevel: BlurLevel, contrastScore: Double, qualityScore: Double) {
        self.sharpnessScore = sharpnessScore
        self.blurLevel = blurLevel
        self.contrastScore = contrastScore
        self.qualityScore = qualityScore
    }

    enum CodingKeys: String, CodingKey {
        case sharpnessScore = "sharpness_score"
        case blurLevel = "blur_level"
        case contrastScore = "contrast_score"
        case qualityScore = "quality_score"
    }
}

/// How blurred the image is, from the variance of its Laplacian.
public enum BlurLevel: String, Codable, Sendable {
    case high, medium, low
}
