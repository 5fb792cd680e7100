/// Applies `TransformSteps` to a source: EXIF orientation first, then every step in order, then
/// the encoder. Refuses, from the header alone, what the limits do not allow.
public struct Transformer: Sendable {
    public let limits: TransformLimits

    public init(limits: TransformLimits = TransformLimits()) {
        self.limits = limits
    }

    /// Reads the source's header (not its pixels) and plans `steps` on it.
    public func plan(_ steps: TransformSteps, for source: TransformSource) throws(TransformError) -> TransformPlan {
        try TransformPlan(steps: steps, source: SourceInfo.read(source), limits: limits)
    }

    /// `faces`: boxes in upright source pixels, for `gravity:face` and `annotate`.
    public func transform(_ source: TransformSource, steps: TransformSteps, faces: [FaceBox] = []) throws(TransformError)
        -> TransformedImage {
        try transform(source, plan: plan(steps, for: source), faces: faces)
    }

    /// Runs a plan made earlier for this same source.
    public func transform(_ source: TransformSource, plan: TransformPlan, faces: [FaceBox] = []) throws(TransformError)
        -> TransformedImage {
        // A first resize happens in the decoder; its step then finds the size already right.
        var canvas = try SourceDecoder.decode(source, info: plan.source, size: plan.decodeSize ?? plan.source.upright)
        canvas.place(faces, from: plan.source.upright)
        for step in plan.steps.steps {
            try canvas.apply(step)
        }
        // The plan trusted the header; the pixels have the last word.
        guard limits.allows(canvas.size) else { throw .outputTooLarge(step: nil, size: canvas.size, limits: limits) }
        return try ImageEncoder.encode(canvas.image, as: plan.format, quality: plan.quality)
    }
}
