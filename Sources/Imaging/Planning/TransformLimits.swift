/// What a transform may ask for, checked on the plan before any pixel is decoded.
public struct TransformLimits: Equatable, Sendable {
    /// Steps as written, `gravity`, `format` and `quality` included.
    public var maxSteps: Int
    /// The longest side of the output and of every intermediate result.
    public var maxSide: Int
    /// Pixels of the output and of every intermediate result (16 MP: 16 000 000, a separate
    /// bound from `maxSide`, whose square is larger).
    public var maxPixels: Int
    /// Pixels of the source as its header declares them: larger ones are refused undecoded
    /// (SPEC §6, decompression bombs; the same bound as the analysis).
    public var maxSourcePixels: Int

    public init(maxSteps: Int = 16, maxSide: Int = 4096, maxPixels: Int = 16_000_000, maxSourcePixels: Int = 50_000_000) {
        self.maxSteps = maxSteps
        self.maxSide = maxSide
        self.maxPixels = maxPixels
        self.maxSourcePixels = maxSourcePixels
    }

    /// For start-up: every bound must be positive, and libvips handles at most 10 000 000 px a side.
    public func validate() throws(TransformError) {
        guard maxSteps > 0, maxSide > 0, maxPixels > 0, maxSourcePixels > 0 else {
            throw .invalidConfiguration(reason: "every transform limit must be positive")
        }
        guard maxSide <= 10_000_000 else { throw .invalidConfiguration(reason: "maxSide must be at most 10000000") }
    }

    /// True when `size` is within the output bounds.
    func allows(_ size: PixelSize) -> Bool {
        let (pixels, overflow) = size.width.multipliedReportingOverflow(by: size.height)
        return size.width <= maxSide && size.height <= maxSide && !overflow && pixels <= maxPixels
    }
}
