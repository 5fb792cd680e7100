/// `horizontal` mirrors left and right; `vertical` mirrors top and bottom.
public enum FlipAxis: String, CaseIterable, Sendable {
    case horizontal = "h"
    case vertical = "v"
}
