/// One step of a transform, as parsed: gravity is folded into the steps it affects, and output
/// settings (`format`, `quality`) are not steps but belong to `TransformSteps`.
public enum TransformStep: Equatable, Sendable {
    case resize(ResizeMode, width: Int, height: Int)
    /// A `width`×`height` cut placed by the gravity; never larger than the image.
    case crop(width: Int, height: Int, gravity: Gravity)
    /// The region at (`x`, `y`), clipped to the image.
    case cropRegion(x: Int, y: Int, width: Int, height: Int)
    case rotate(QuarterTurn)
    case flip(FlipAxis)
    case grayscale
    case blur(sigma: Double)
    case sharpen(sigma: Double)
    /// -100…100: the shift of every colour value, in hundredths of full scale.
    case brightness(Int)
    /// -100…100: the change of slope around mid-grey, in percent.
    case contrast(Int)
    /// Draws the face boxes, 2 px green.
    case annotate

    /// The one spelling of the step; parsing it gives the step back.
    public var canonical: String {
        switch self {
        case let .resize(.fill(gravity), width, height): "resize:fill:\(width):\(height)" + Self.suffix(gravity)
        case let .resize(.fit, width, height): "resize:fit:\(width):\(height)"
        case let .resize(.force, width, height): "resize:force:\(width):\(height)"
        case let .crop(width, height, gravity): "crop:\(width):\(height)" + Self.suffix(gravity)
        case let .cropRegion(x, y, width, height): "crop:\(x):\(y):\(width):\(height)"
        case let .rotate(turn): "rotate:\(turn.rawValue)"
        case let .flip(axis): "flip:\(axis.rawValue)"
        case .grayscale: "grayscale"
        case let .blur(sigma): "blur:\(Self.format(sigma))"
        case let .sharpen(sigma): "sharpen:\(Self.format(sigma))"
        case let .brightness(amount): "brightness:\(amount)"
        case let .contrast(amount): "contrast:\(amount)"
        case .annotate: "annotate"
        }
    }

    /// The centre is the default, so it is left out.
    private static func suffix(_ gravity: Gravity) -> String {
        gravity == .center ? "" : ":\(gravity.rawValue)"
    }

    /// Shortest decimal text: 2 → "2", 1.50 → "1.5" (values carry at most two decimals).
    static func format(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        let sign = value < 0 && hundredths > 0 ? "-" : ""
        let whole = "\(sign)\(hundredths / 100)"
        let fraction = hundredths % 100
        if fraction == 0 { return whole }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
