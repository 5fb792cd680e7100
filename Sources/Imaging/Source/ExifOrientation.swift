/// EXIF's orientation tag: how the stored pixels must be turned to be upright. Cases are named
/// after EXIF's own names (where the stored first row and first column lie when upright).
public enum ExifOrientation: Int, CaseIterable, Sendable {
    case topLeft = 1
    case topRight = 2
    case bottomRight = 3
    case bottomLeft = 4
    case leftTop = 5
    case rightTop = 6
    case rightBottom = 7
    case leftBottom = 8

    /// True when upright width is the stored height.
    public var transposes: Bool { rawValue >= 5 }

    /// The turn, then the flip, that make the stored pixels upright.
    var correction: (turn: QuarterTurn?, flip: FlipAxis?) {
        switch self {
        case .topLeft: (nil, nil)
        case .topRight: (nil, .horizontal)
        case .bottomRight: (.half, nil)
        case .bottomLeft: (nil, .vertical)
        case .leftTop: (.quarter, .horizontal)
        case .rightTop: (.quarter, nil)
        case .rightBottom: (.quarter, .vertical)
        case .leftBottom: (.threeQuarters, nil)
        }
    }
}
