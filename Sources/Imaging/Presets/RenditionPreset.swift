/// The renditions the worker makes after each analysis: WebP that fits a box, never enlarged.
public enum RenditionPreset: String, CaseIterable, Sendable {
    /// Fits 800 × 800, quality 90.
    case thumbnail
    /// Longest side at most 2400, quality 92.
    case web

    public var box: PixelSize {
        switch self {
        case .thumbnail: PixelSize(width: 800, height: 800)
        case .web: PixelSize(width: 2400, height: 2400)
        }
    }

    public var quality: Int {
        switch self {
        case .thumbnail: 90
        case .web: 92
        }
    }

    public var format: OutputFormat { .webp }

    /// libwebp's method for the presets: 2 rather than libvips' default 4 halves the encoder's
    /// time, the largest part of a 12 MP job, for 0.4 to 0.8 dB of PSNR at the same quality and
    /// about the same size (bench/README.md).
    public var webpEffort: Int { 2 }

    /// The rendition's size for an upright source of `source`: fitted into the box, never enlarged.
    public func size(for source: PixelSize) -> PixelSize {
        let scale = min(1, Double(box.width) / Double(source.width), Double(box.height) / Double(source.height))
        return scale == 1 ? source : source.scaled(by: scale)
    }
}
