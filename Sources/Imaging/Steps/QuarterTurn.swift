/// A clockwise rotation by a multiple of 90°.
public enum QuarterTurn: Int, CaseIterable, Sendable {
    case quarter = 90
    case half = 180
    case threeQuarters = 270

    /// True when the turn swaps width and height.
    var transposes: Bool { self != .half }
}
