import Foundation
import ImageInspection

/// Turns uploaded bytes into an upright BGR image, refusing first what its header shows cannot or
/// should not be decoded: unknown formats, too many pixels, sides past the format's limit, JPEGs
/// with more scans than their size allows, truncated JPEGs.
struct ImageDecoder {
    var maxPixels: Int
    var limits: DecodingLimits = .standard

    func decode(_ data: Data) throws -> (image: CVImage, format: ImageFormat) {
        let header: ImageHeader
        do {
            header = try ImageHeader.read(data)
        } catch {
            throw VisionError(error)
        }
        guard !header.exceeds(maxPixels: maxPixels) else {
            throw VisionError.tooLarge(width: header.width, height: header.height, limit: maxPixels)
        }
        let layout: JPEGLayout?
        do {
            layout = try data.withUnsafeBytes { bytes in try limits.check(header, of: bytes) }
        } catch let error as ImageHeaderError {
            throw VisionError(error)
        }
        guard let layout else { return (try CVImage.decode(data, maxPixels: maxPixels), header.format) }
        return (try decodeJPEG(data, header: header, layout: layout), header.format)
    }

    /// Decodes the JPEG proper only, up to its EOI marker: a phone's motion photo carries a video
    /// after it, which is no part of the image. A file that ends before EOI is refused, because
    /// libjpeg pads a truncated JPEG with grey and only warns.
    private func decodeJPEG(_ data: Data, header: ImageHeader, layout: JPEGLayout) throws -> CVImage {
        guard let length = layout.length else {
            throw VisionError.undecodable(detail: "JPEG data ends before its end-of-image marker")
        }
        let orientation = layout.exif.map { tiff in
            data.withUnsafeBytes { ExifOrientation(tiff: UnsafeRawBufferPointer(rebasing: $0[tiff])) }
        } ?? .topLeft
        // The header check counted the scans; the decoder's own limit guards what the count could miss.
        return try CVImage.decode(data.prefix(length), maxPixels: maxPixels,
                                  maxScans: limits.scanLimit(pixels: header.width * header.height), orientation: orientation)
    }
}
