/// Dominant colours (k-means centres, largest cluster first) and brightness.
public struct ColorInsights: Codable, Equatable, Sendable {
    /// Up to 5 colours as `#rrggbb`.
    public var dominantColors: [String]
    /// The share of pixels nearest to each dominant colour, same order, rounded to 4 decimals.
    public var colorShares: [Double]
    /// Integer mean of 0.299 R + 0.587 G + 0.114 B, 0...255.
    public var brightness: Int

    public init(dominantColors: [String], colorShares: [Double], brightness: Int) {
        self.dominantColors = dominantColors
        self.colorShares = colorShares
        self.brightness = brightness
    }

    enum CodingKeys: String, CodingKey {
        case dominantColors = "dominant_colors"
        case colorShares = "color_shares"
        case brightness
    }
}
