import Foundation
import ImageInspection

/// Turns uploaded bytes into an upright BGR image, refusing unknown formats, oversized and truncated images first.
struct ImageDecoder {
    var maxPixels: Int

    func decode(_ data: Data) throws -> (image: CVImage, format: ImageFormat) {
        let header: ImageHeader
        do {
            header = try ImageHeader.read(data)
        } catch .unsupportedFormat {
            throw VisionError.unsupportedFormat
        } catch .damaged(let format) {
            throw VisionError.undecodable(detail: "\(format.rawValue) header holds no valid size")
        }
        guard !header.exceeds(maxPixels: maxPixels) else {
            throw VisionError.tooLarge(width: header.width, height: header.height, limit: maxPixels)
        }
        // libjpeg pads a truncated JPEG with grey and only warns; the other decoders fail on their own.
        if header.format == .jpeg, !Self.jpegHasEnd(data) {
            throw VisionError.undecodable(detail: "JPEG data ends before its end-of-image marker")
        }
        return (try CVImage.decode(data, maxPixels: maxPixels), header.format)
    }

    /// Whether an end-of-image marker follows the last start-of-scan marker. Entropy-coded data
    /// never holds FF D9 or FF DA, and an EXIF thumbnail's markers all precede the main scan.
    static func jpegHasEnd(_ data: Data) -> Bool {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var index = bytes.count - 2
            while index >= 0 {
                if bytes[index] == 0xFF {
                    if bytes[index + 1] == 0xD9 { return true }
                    if bytes[index + 1] == 0xDA { return false }
                }
                index -= 1
            }
            return false
        }
    }
}
