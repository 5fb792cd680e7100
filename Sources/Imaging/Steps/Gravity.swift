/// Where a `fill` resize or a sized `crop` cuts: the middle, around the faces the caller passes,
/// or around the region libvips' attention measure finds most interesting.
public enum Gravity: String, CaseIterable, Sendable {
    case center
    case face
    case smart
}
