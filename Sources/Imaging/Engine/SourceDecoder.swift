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
            decoded = switch source {
            case let .bytes(data): try VipsImage.thumbnail(bytes: data, width: stored.width, height: stored.height, mode: mode)
            case let .file(path): try VipsImage.thumbnail(file: path, width: stored.width, height: stored.height, mode: mode)
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
}
