import CImaging

/// The pixels every preset of one source is made from, when the source is already decoded (the
/// analysis's upright BGR rows): the largest preset's pixels, computed once into memory as RGB,
/// so that the decoded rows are needed only while this is made, and each preset is then resized
/// from these (the thumbnail of a 12 MP photo from its 2400-pixel web copy).
public final class RenditionPixels: @unchecked Sendable {
    /// libvips threads for the resize; the process's own setting is put back after.
    static let resizeThreads = 2

    /// The decoded image's size.
    public let source: PixelSize
    let image: VipsImage

    /// `bgr`: `height` rows of `width` × 3 bytes, contiguous; read only during this call. The resize
    /// runs on two libvips threads (libvips' setting is process-wide and put back after): make
    /// this while no other libvips work runs in the process.
    public init(bgr: UnsafeRawBufferPointer, rowBytes: Int, width: Int, height: Int,
                limits: TransformLimits = TransformLimits()) throws(TransformError) {
        guard width > 0, height > 0, rowBytes == width * 3, bgr.count >= rowBytes * height else {
            throw .processingFailed(detail: "pixel rows do not match \(width)x\(height) BGR")
        }
        let source = PixelSize(width: width, height: height)
        guard width * height <= limits.maxSourcePixels else {
            throw .sourceTooLarge(size: source, limit: limits.maxSourcePixels)
        }
        let largest = RenditionPreset.allCases.map { $0.size(for: source) }.max { $0.width * $0.height < $1.width * $1.height } ?? source
        self.source = source
        image = try VipsImage.wrapping(UnsafeRawBufferPointer(rebasing: bgr[..<(rowBytes * height)]), width: width,
                                       height: height, bands: 3) { wrapped throws(TransformError) in
            try processing { () throws -> VipsImage in
                let shrink = SourceDecoder.jpegShrink(from: source, to: largest)
                let fitted = largest == source ? wrapped : try (shrink > 1 ? try wrapped.shrunk(by: shrink) : wrapped).resized(to: largest)
                // A buffer of its own: when no preset is smaller than the source, `fitted` is the
                // decoded rows themselves, which the analyzers are still reading.
                // Two threads shorten the longest chain of a large photo's job (12 MP: 20 ms).
                let previous = cimaging_get_concurrency()
                cimaging_set_concurrency(Int32(RenditionPixels.resizeThreads))
                defer { cimaging_set_concurrency(previous) }
                let copied = try fitted.copiedPixels()
                try copied.swapRedAndBlue()
                return copied
            }
        }
    }
}
