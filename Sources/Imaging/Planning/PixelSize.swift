/// A width and height in pixels.
public struct PixelSize: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var transposed: PixelSize { PixelSize(width: height, height: width) }
    public var description: String { "\(width)×\(height)" }

    /// The size after scaling both sides by `scale`, at least one pixel a side.
    func scaled(by scale: Double) -> PixelSize {
        PixelSize(width: max(1, Int((Double(width) * scale).rounded())),
                  height: max(1, Int((Double(height) * scale).rounded())))
    }
}
