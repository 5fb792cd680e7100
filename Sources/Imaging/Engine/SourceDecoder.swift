/// Decodes a source through vips_thumbnail, which shrinks while decoding where the format
/// allows it (JPEG's DCT scaling, WebP's scaled decode), reads sequentially, takes the first
/// frame of an animation and converts embedded colour profiles and CMYK to sRGB.
enum SourceDecoder {
    /// Upright pixels of exactly `size`, 8 bits per band, no profile attached.
    static func decode(_ source: TransformSource, info: SourceInfo, size: PixelSize) throws(TransformError) -> Canvas {
        // libvips would apply the orientation its own EXIF parser finds; the plan was made with
        // ExifOrientationReader's, so that one is applied here, after the (cheaper) shrink.
        let stored = info.orientation.transposes ? size.transposed : size
        let decoded: VipsImage
        do {
            let shrink = info.header.format == .jpeg ? jpegShrink(from: info, to: stored) : 1
            if shrink > 1 {
                let scaled = switch source {
                case let .bytes(data): try VipsImage.jpeg(bytes: data, shrink: shrink)
                case let .file(path): try VipsImage.jpeg(file: path, shrink: shrink)
                }
                decoded = try scaled.resized(to: stored)
            } else {
                decoded = switch source {
                case let .bytes(data): try VipsImage.thumbnail(bytes: data, size: stored)
                case let .file(path): try VipsImage.thumbnail(file: path, size: stored)
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

    /// libjpeg decodes at 1/2, 1/4 or 1/8 scale by DCT scaling; the largest scale that leaves a
    /// resize of at least two is taken, as vips_thumbnail does (a 12 MP photo's thumbnail decodes
    /// 3 MP). The largest scale that merely keeps the target size (imgproxy's choice) decodes 0.75 MP
    /// and costs 14 % less CPU, but loses 5–6 dB PSNR on finely textured photos (bench/README.md).
    static func jpegShrink(from info: SourceInfo, to stored: PixelSize) -> Int {
        jpegShrink(from: PixelSize(width: info.header.width, height: info.header.height), to: stored)
    }

    static func jpegShrink(from source: PixelSize, to stored: PixelSize) -> Int {
        let shrink = min(Double(source.width) / Double(stored.width), Double(source.height) / Double(stored.height))
        return [8, 4, 2].first { 2 * Double($0) <= shrink } ?? 1
    }
}
