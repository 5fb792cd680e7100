/// The bounds of a model package (SPEC §11), checked at upload and again while extracting.
public struct PackageLimits: Sendable, Equatable {
    public var maxEntries: Int
    public var maxUnpackedBytes: Int
    /// Uncompressed size over compressed size, per entry and for the whole package.
    public var maxCompressionRatio: Int

    public static let standard = PackageLimits(maxEntries: 1_000, maxUnpackedBytes: 500_000_000, maxCompressionRatio: 100)

    public init(maxEntries: Int, maxUnpackedBytes: Int, maxCompressionRatio: Int) {
        self.maxEntries = maxEntries
        self.maxUnpackedBytes = maxUnpackedBytes
        self.maxCompressionRatio = maxCompressionRatio
    }
}
