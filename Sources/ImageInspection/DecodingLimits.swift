/// The decoding work Peek spends on one image, checked from its header before a decoder runs
/// (and again by the JPEG decoder itself, as it goes).
///
/// The work of a progressive JPEG grows with its pixels times its scans: libjpeg passes over
/// every block of a component once per scan, even a scan that holds nothing but end-of-band
/// runs, so a 440 KB file of 7000×7000 px with 2,000 such scans keeps it busy for half a
/// minute. Encoders write about 10 scans (libjpeg's progressive script: 10 for colour, 6 for
/// grey, 18 for CMYK); measured on the reference machine, a scan of nothing costs about 0.35 ns
/// a pixel.
public struct DecodingLimits: Equatable, Sendable {
    /// No image may have more scans than this, however small.
    public var maxScans: Int
    /// Pixels × scans allowed: 2 × 10^9 is under a second of empty scans.
    public var maxPixelScans: Int
    /// The budget never cuts the scans of an image below this, so that large photos keep room for
    /// any encoder's script (the pixel limit already bounds their work).
    public var minScanLimit: Int

    public init(maxScans: Int, maxPixelScans: Int, minScanLimit: Int) {
        self.maxScans = maxScans
        self.maxPixelScans = maxPixelScans
        self.minScanLimit = minScanLimit
    }

    /// 300 scans up to 6.7 megapixels, fewer above (166 at 12 MP), never fewer than 32.
    public static let standard = DecodingLimits(maxScans: 300, maxPixelScans: 2_000_000_000, minScanLimit: 32)

    /// The most scans a JPEG of `pixels` may have.
    public func scanLimit(pixels: Int) -> Int {
        min(maxScans, max(minScanLimit, maxPixelScans / max(pixels, 1)))
    }

    /// Refuses a header whose sides are past its format's limit, or a JPEG whose markers hold
    /// more scans than its size allows, and returns the JPEG's layout for the decoder to use.
    @discardableResult
    public func check(_ header: ImageHeader, of bytes: UnsafeRawBufferPointer) throws(ImageHeaderError) -> JPEGLayout? {
        try header.checkSides()
        guard header.format == .jpeg else { return nil }
        let layout = JPEGLayout(bytes)
        let limit = scanLimit(pixels: header.width * header.height)
        guard layout.scanCount <= limit else { throw .tooManyScans(count: layout.scanCount, limit: limit) }
        return layout
    }
}
