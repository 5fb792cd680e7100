import CImaging

/// How vips_thumbnail treats the target box.
enum ThumbnailMode {
    /// Fit inside the box, never larger than the source.
    case shrinkOnly
    /// Exactly the box, aspect ratio ignored.
    case exact

    var vipsSize: Int32 {
        switch self {
        case .shrinkOnly: Int32(CIMAGING_SIZE_DOWN)
        case .exact: Int32(CIMAGING_SIZE_FORCE)
        }
    }
}
