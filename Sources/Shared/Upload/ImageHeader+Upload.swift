import ImageInspection

extension ImageHeader {
    /// Reads an upload's header and applies the limits, before anything decodes it: 415 for an
    /// unknown type, 422 for a damaged header, 413 for too many pixels, then 422 for a side past
    /// its format's limit or a JPEG with more scans than its size allows (`DecodingLimits`).
    public static func checkedUpload(_ bytes: UnsafeRawBufferPointer, maxPixels: Int,
                                     limits: DecodingLimits = .standard) throws -> ImageHeader {
        let header: ImageHeader
        do {
            header = try read(bytes)
        } catch .unsupportedFormat {
            throw PeekError.unsupportedType("unsupported image type: send a PNG, JPEG, GIF, BMP or WEBP file")
        } catch {
            throw PeekError.undecodable(error.description)
        }
        guard !header.exceeds(maxPixels: maxPixels) else {
            let megapixels = Double(maxPixels) / 1_000_000
            throw PeekError.tooLarge(
                "the image is \(header.width)×\(header.height) pixels; the limit is \(megapixels.formatted()) megapixels")
        }
        do {
            try limits.check(header, of: bytes)
        } catch {
            throw PeekError.undecodable(error.description)
        }
        return header
    }
}
