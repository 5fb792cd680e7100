import ImageInspection

extension ExifOrientation {
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
