/// A face box in the current image's pixels, kept fractional so that successive resizes do not
/// accumulate rounding.
struct FaceRegion: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    init(_ box: FaceBox) {
        self.init(x: Double(box.x), y: Double(box.y), width: Double(box.width), height: Double(box.height))
    }

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var area: Double { width * height }

    func scaled(x scaleX: Double, y scaleY: Double) -> FaceRegion {
        FaceRegion(x: x * scaleX, y: y * scaleY, width: width * scaleX, height: height * scaleY)
    }

    /// The part inside a `size` image whose origin moved to (`dx`, `dy`); nil when nothing is left.
    func cut(dx: Double, dy: Double, size: PixelSize) -> FaceRegion? {
        let left = max(0, x - dx), top = max(0, y - dy)
        let right = min(Double(size.width), maxX - dx), bottom = min(Double(size.height), maxY - dy)
        guard right > left, bottom > top else { return nil }
        return FaceRegion(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The same region after turning an image of `size` clockwise.
    func rotated(_ turn: QuarterTurn, in size: PixelSize) -> FaceRegion {
        let (w, h) = (Double(size.width), Double(size.height))
        return switch turn {
        case .quarter: FaceRegion(x: h - maxY, y: x, width: height, height: width)
        case .half: FaceRegion(x: w - maxX, y: h - maxY, width: width, height: height)
        case .threeQuarters: FaceRegion(x: y, y: w - maxX, width: height, height: width)
        }
    }

    func flipped(_ axis: FlipAxis, in size: PixelSize) -> FaceRegion {
        switch axis {
        case .horizontal: FaceRegion(x: Double(size.width) - maxX, y: y, width: width, height: height)
        case .vertical: FaceRegion(x: x, y: Double(size.height) - maxY, width: width, height: height)
        }
    }

    /// The smallest region holding all of `regions`.
    static func union(_ regions: [FaceRegion]) -> FaceRegion? {
        guard let first = regions.first else { return nil }
        let left = regions.map(\.x).min() ?? first.x, top = regions.map(\.y).min() ?? first.y
        let right = regions.map(\.maxX).max() ?? first.maxX, bottom = regions.map(\.maxY).max() ?? first.maxY
        return FaceRegion(x: left, y: top, width: right - left, height: bottom - top)
    }
}
