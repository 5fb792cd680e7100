/// The upright image an analysis decoded, as 8-bit RGB rows, for work that would otherwise decode
/// the same bytes again (the renditions).
public struct DecodedImage: Sendable {
    public let width: Int
    public let height: Int
    /// width × height × 3 bytes, row by row.
    public let rgb: [UInt8]
}
