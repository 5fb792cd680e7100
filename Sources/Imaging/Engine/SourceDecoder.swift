/// Decodes a source through vips_thumbnail, which shrinks while decoding where the format
/// allows it (JPEG's DCT scaling, WebP's scaled decode), reads sequentially, takes the first
/// frame of an animation and converts embedded colour profiles and CMYK to sRGB.
enum SourceDecoder {
    /// Upright pixels sized by `box` (upright too) and `mode`, 8 bits per band, no profile attached.
    static func decode(_ source: TransformSource, info: SourceInfo, box: PixelSize, mode: ThumbnailMode)
        throws(TransformError) -> Canvas {
        // libvips would apply the orientation its own EXIF parser finds; the plan was made with
        // ExifOrientationReader's, so that one is applied here, after the (cheaper) shrink.
        let stored = info.orientation.transposes ? box.transposed : box
        let decoded: VipsImage
        do {
            let shrink = info.header.format == .jpeg ? jpegShrink(from: info, to: stored, mode: mode) : 1
            if shrink > 1 {
                let scaled = switch source {
                case let .bytes(data): try VipsImage.jpeg(bytes: data, shrink: shrink)
                case let .file(path): try VipsImage.jpeg(file: path, shrink: shrink)
                }
                decoded = try scaled.thumbnail(width: stored.width, height: stored.height, mode: mode)
            } else {
                decoded = switch source {
                case let .bytes(data): try VipsImage.thumbnail(bytes: data, width: stored.width, height: stored.height, mode: mode)
                case let .file(path): try VipsImage.thumbnail(file: path, width: stored.width, height: stored.height, mode: mode)
                }
            }
        } catch {
            throw .undecodableSource(detail: error.message)
        }
        let image = try processing { () throws -> VipsImage in
            var image = decoded
            if !image.isEightBit { image = image.bands >= 3 ? try image.sRGB() : try image.grey() }
            if !image.isEightBit { image = try image.eightBit() }
            return try image.withoutProfile()
        }
        var canvas = Canvas(image: image)
        try canvas.orient(info.orientation)
        return canvas
    }

    /// libjpeg decodes at 1/2, 1/4 or 1/8 scale by DCT scaling. vips_thumbnail keeps a factor of
    /// two in reserve for its own resize (a 12 MP photo's thumbnail decodes 3 MP); like imgproxy,
    /// Peek takes the largest scale that still leaves every side at least the target (0.75 MP),
    /// which costs a fraction of the decoding and of the resize. bench/README.md compares the results.
    static func jpegShrink(from info: SourceInfo, to stored: PixelSize, mode: ThumbnailMode) -> Int {
        let horizontal = Double(info.header.width) / Double(stored.width)
        let vertical = Double(info.header.height) / Double(stored.height)
        // Fitting shrinks by the larger ratio; an exact size must not lose pixels on either axis.
        let shrink = mode == .shrinkOnly ? max(horizontal, vertical) : min(horizontal, vertical)
        return [8, 4, 2].first { Double($0) <= shrink } ?? 1
    }
}
