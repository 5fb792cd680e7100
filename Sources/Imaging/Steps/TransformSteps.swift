/// A transform: its steps in order, then the output format and quality. Equivalent spellings
/// parse to equal values with one `canonical` text, so a result can be cached by
/// (source hash, `canonical`).
public struct TransformSteps: Equatable, Sendable {
    public let steps: [TransformStep]
    /// Nil: the source's format (`OutputFormat(keeping:)`).
    public let format: OutputFormat?
    /// Nil: `OutputFormat.defaultQuality`. Always nil when the format is PNG.
    public let quality: Int?

    /// Steps that change nothing (`brightness:0`, `contrast:0`) are dropped, and so is a quality for
    /// PNG. Internal: values are checked only by the parser, so it is the one public way in.
    init(steps: [TransformStep] = [], format: OutputFormat? = nil, quality: Int? = nil) {
        self.steps = steps.filter { $0 != .brightness(0) && $0 != .contrast(0) }
        self.format = format
        self.quality = format?.usesQuality == false ? nil : quality
    }

    /// Parses OPTIONS, the `/`-separated `name:arg:arg` steps of a `/t/` path.
    public init(parsing options: String, limits: TransformLimits = TransformLimits()) throws(TransformError) {
        self = try StepParser(limits: limits).parse(options)
    }

    /// Steps in order, then `format:F`, then `quality:Q`, joined by `/`; "" for no steps.
    public var canonical: String {
        (steps.map(\.canonical) + [format.map { "format:\($0.rawValue)" }, quality.map { "quality:\($0)" }].compactMap { $0 })
            .joined(separator: "/")
    }
}
