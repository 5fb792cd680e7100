/// The renditions the worker makes of every analysed image, served at `/api/image/ID/NAME`.
public enum Preset: String, CaseIterable, Sendable {
    /// WebP that fits in 800 × 800, quality 90, never enlarged.
    case thumbnail
    /// WebP whose longest side is at most 2400, quality 92, never enlarged.
    case web

    /// Its recipe in the renditions table.
    public var recipe: String { "preset:\(rawValue)" }
}
