import ImageInspection

extension ImageHeader {
    /// Reads an upload's header and applies the limits before anything decodes it: the pixel limit
    /// first, then each side against its format's limit and a JPEG's scans against its size
    /// (`DecodingLimits`).
    public static func checkedUpload(_ bytes: UnsafeRawBufferPointer, maxPixels: Int,
                                     limits: DecodingLimits = .standard) throws -> ImageHeader {
        let header = try read(bytes)
        guard !header.exceeds(maxPixels: maxPixels) else {
            throw RequestError.tooManyPixels(width: header.width, height: header.height, maxPixels: maxPixels)
        }
        _ = try limits.check(header, of: bytes)
        return header
    }
}
