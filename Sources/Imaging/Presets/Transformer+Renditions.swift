extension Transformer {
    /// Makes `preset` from the upright source, shrinking while decoding; only the source limit
    /// applies (a preset's output is always within the transform limits' defaults).
    public func render(_ preset: RenditionPreset, from source: TransformSource) throws(TransformError) -> TransformedImage {
        let info = try SourceInfo.read(source)
        guard !info.header.exceeds(maxPixels: limits.maxSourcePixels) else {
            throw .sourceTooLarge(size: info.upright, limit: limits.maxSourcePixels)
        }
        let canvas = try SourceDecoder.decode(source, info: info, size: preset.size(for: info.upright))
        return try ImageEncoder.encode(canvas.image, as: preset.format, quality: preset.quality, webpEffort: preset.webpEffort)
    }
}

extension Transformer {
    /// Makes `preset` from pixels already decoded (the analysis's, through `RenditionPixels`),
    /// without decoding the source again: the same resize and encoder as `render(_:from:)`.
    public func render(_ preset: RenditionPreset, from pixels: RenditionPixels) throws(TransformError) -> TransformedImage {
        let size = preset.size(for: pixels.source)
        let image = pixels.image
        let fitted = size == image.size ? image : try processing { () throws -> VipsImage in
            // As shrink-on-load does for a JPEG: a box filter first, leaving Lanczos a reduction
            // of at most 4 (Lanczos alone over a 12 MP image costs 10 times more).
            let shrink = SourceDecoder.jpegShrink(from: image.size, to: size)
            return try (shrink > 1 ? try image.shrunk(by: shrink) : image).resized(to: size)
        }
        return try ImageEncoder.encode(fitted, as: preset.format, quality: preset.quality, webpEffort: preset.webpEffort)
    }

    /// Whether the file's own decoding would give the pixels the analysis decoded, so that
    /// `render(_:from: RenditionPixels)` may stand in for `render(_:from: TransformSource)`: a JPEG or PNG of
    /// 8-bit RGB or grey without alpha and without a colour profile (which the file's rendering
    /// converts to sRGB); a PNG only upright (its EXIF orientation is read apart).
    public static func decodesAsAnalysed(file path: String, info: SourceInfo) -> Bool {
        guard info.header.format == .jpeg || (info.header.format == .png && info.orientation == .topLeft),
              let image = try? VipsImage.opening(file: path) else { return false }
        return image.isEightBit && !image.hasAlpha && !image.hasProfile && (image.bands == 3 || image.bands == 1)
    }
}
