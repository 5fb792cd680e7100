extension Transformer {
    /// Makes `preset` from the upright source, shrinking while decoding; only the source limit
    /// applies (a preset's output is always within the transform limits' defaults).
    public func render(_ preset: RenditionPreset, from source: TransformSource) throws(TransformError) -> TransformedImage {
        let info = try SourceInfo.read(source)
        guard !info.header.exceeds(maxPixels: limits.maxSourcePixels) else {
            throw .sourceTooLarge(size: info.upright, limit: limits.maxSourcePixels)
        }
        let canvas = try SourceDecoder.decode(source, info: info, size: preset.size(for: info.upright))
        return try ImageEncoder.encode(canvas.image, as: preset.format, quality: preset.quality)
    }
}
