@testable import Vision

extension CVImage {
    /// The RGB value at (x, y).
    func pixel(_ x: Int, _ y: Int) throws -> (Int, Int, Int) {
        let rgb = try rgbPixels()
        let offset = (y * width + x) * 3
        return (Int(rgb[offset]), Int(rgb[offset + 1]), Int(rgb[offset + 2]))
    }
}

/// Whether two colours differ by at most `tolerance` in every channel.
func close(_ a: (Int, Int, Int), _ b: (Int, Int, Int), within tolerance: Int) -> Bool {
    abs(a.0 - b.0) <= tolerance && abs(a.1 - b.1) <= tolerance && abs(a.2 - b.2) <= tolerance
}
