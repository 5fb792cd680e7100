/// `fit` keeps the aspect ratio inside the box; `fill` covers the box and cuts it to exactly the
/// box with a gravity; `force` stretches to exactly the box.
public enum ResizeMode: Equatable, Sendable {
    case fit
    case fill(Gravity)
    case force
}
