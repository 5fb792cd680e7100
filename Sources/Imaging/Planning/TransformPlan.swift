/// A transform worked out on a source's header alone, so that an output over the limits is
/// refused before anything is decoded.
public struct TransformPlan: Equatable, Sendable {
    public let source: SourceInfo
    public let steps: TransformSteps
    /// The size after each step, in order.
    public let sizes: [PixelSize]
    public let output: PixelSize
    public let format: OutputFormat
    /// Used by JPEG and WebP; PNG ignores it.
    public let quality: Int
    /// When the first step is a resize, the upright size the decoder makes straight away.
    let decodeSize: PixelSize?

    public init(steps: TransformSteps, source: SourceInfo, limits: TransformLimits = TransformLimits()) throws(TransformError) {
        let upright = source.upright
        guard !source.header.exceeds(maxPixels: limits.maxSourcePixels) else {
            throw .sourceTooLarge(size: upright, limit: limits.maxSourcePixels)
        }
        var sizes: [PixelSize] = []
        var current = upright
        for step in steps.steps {
            let next = try step.size(after: current)
            // A step that keeps the size is not to blame for a source over the limits.
            if next != current, !limits.allows(next) {
                throw .outputTooLarge(step: step.canonical, size: next, limits: limits)
            }
            sizes.append(next)
            current = next
        }
        guard limits.allows(current) else { throw .outputTooLarge(step: nil, size: current, limits: limits) }
        self.source = source
        self.steps = steps
        self.sizes = sizes
        output = current
        format = steps.format ?? OutputFormat(keeping: source.header.format)
        quality = steps.quality ?? OutputFormat.defaultQuality
        decodeSize = steps.steps.first?.decodeSize(from: upright)
    }
}
