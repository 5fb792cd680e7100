import Foundation

/// Writes the final pixels. Encoders keep no metadata, so no EXIF (no orientation either: the
/// pixels are upright) and no colour profile (the pixels are sRGB).
enum ImageEncoder {
    /// `webpEffort`: libwebp's method for a WebP (libvips' default, 4, unless said otherwise).
    static func encode(_ image: VipsImage, as format: OutputFormat, quality: Int,
                       webpEffort: Int = 4) throws(TransformError) -> TransformedImage {
        let data = try processing { () throws -> Data in
            switch format {
            case .jpeg:
                // JPEG has no alpha: transparent pixels become white rather than black.
                let opaque = image.hasAlpha ? try image.flattened(onto: Array(repeating: 255, count: image.bands - 1)) : image
                return try opaque.jpeg(quality: quality)
            case .png: return try image.png()
            case .webp: return WebPMetadataStripper.stripped(try image.webp(quality: quality, effort: webpEffort))
            }
        }
        return TransformedImage(data: data, format: format, width: image.width, height: image.height)
    }
}
