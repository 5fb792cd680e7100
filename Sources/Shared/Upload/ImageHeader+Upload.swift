import ImageInspection

extension ImageHeader {
    /// Reads an upload's header and applies the pixel limit, before anything decodes it:
    /// 415 for an unknown type, 422 for a damaged header, 413 for too many pixels.
    public static func checkedUpload(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) throws -> ImageHeader {
        let header: ImageHeader
        do {
            header = try read(bytes)
        } catch .unsupportedFormat {
            throw PeekError.unsupportedType("unsupported image type: send a PNG, JPEG, GIF, BMP or WEBP file")
        } catch .damaged(let format) {
            throw PeekError.undecodable("the file starts like a \(format.rawValue) image but its header is damaged or cut short")
        }
        guard !header.exceeds(maxPixels: maxPixels) else {
            let megapixels = Double(maxPixels) / 1_000_000
            throw PeekError.tooLarge(
                "the image is \(header.width)×\(header.height) pixels; the limit is \(megapixels.formatted()) megapixels")
        }
        return header
    }
}
