import ImageInspection

extension ImageHeader {
    /// Reads an upload's header and applies the pixel limit, before anything decodes it.
    public static func checkedUpload(_ bytes: UnsafeRawBufferPointer, maxPixels: Int) throws -> ImageHeader {
        let header = try read(bytes)
        guard !header.exceeds(maxPixels: maxPixels) else {
            throw RequestError.tooManyPixels(width: header.width, height: header.height, maxPixels: maxPixels)
        }
        return header
    }
}
