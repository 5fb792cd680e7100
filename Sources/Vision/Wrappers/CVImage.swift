import CVision
import Foundation
import ImageInspection

/// An OpenCV image owned by Swift: BGR, BGRA or grey 8-bit pixels, released in `deinit`.
final class CVImage {
    let handle: OpaquePointer

    private init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        cv_shim_image_release(handle)
    }

    /// Takes ownership of the handle a shim call hands back.
    private static func make(scanLimit: Int = 0,
                             _ call: (UnsafeMutablePointer<OpaquePointer?>, UnsafeMutablePointer<cv_shim_error>) -> Int32) throws -> CVImage {
        var out: OpaquePointer?
        try VisionError.check(scanLimit: scanLimit) { call(&out, $0) }
        guard let out else { throw VisionError.internalFailure(detail: "shim returned no image") }
        return CVImage(out)
    }

    /// Decodes any supported format to 3-channel BGR. A JPEG is turned by `orientation` (read
    /// from its EXIF by the caller) and stops with `.tooManyScans` past `maxScans` scans (0: no limit).
    static func decode(_ data: Data, maxPixels: Int, maxScans: Int = 0, orientation: ExifOrientation = .topLeft) throws -> CVImage {
        var options = cv_shim_decode_options(max_pixels: Int64(maxPixels), max_jpeg_scans: Int32(clamping: maxScans),
                                             jpeg_orientation: Int32(orientation.rawValue), jpeg_scale_num: 0, jpeg_scale_denom: 0)
        return try data.withUnsafeBytes { bytes in
            try make(scanLimit: maxScans) { cv_shim_decode(bytes.baseAddress, bytes.count, &options, $0, $1) }
        }
    }

    /// Copies tightly packed grey (1), RGB (3) or RGBA (4) pixels.
    static func fromPixels(_ pixels: [UInt8], width: Int, height: Int, channels: Int) throws -> CVImage {
        guard pixels.count == width * height * channels else {
            throw VisionError.internalFailure(detail: "pixel buffer does not match \(width)x\(height)x\(channels)")
        }
        return try make { cv_shim_image_from_pixels(pixels, Int32(width), Int32(height), Int32(channels), $0, $1) }
    }

    var width: Int { Int(cv_shim_image_width(handle)) }
    var height: Int { Int(cv_shim_image_height(handle)) }
    var pixelCount: Int { width * height }

    func grey() throws -> CVImage {
        try Self.make { cv_shim_grey(handle, $0, $1) }
    }

    func resized(width: Int, height: Int) throws -> CVImage {
        try Self.make { cv_shim_resize(handle, Int32(width), Int32(height), $0, $1) }
    }

    /// This image shrunk, keeping its aspect, to at most `maxPixels` pixels; itself when already small enough.
    func fitted(maxPixels: Int?) throws -> CVImage {
        guard let maxPixels, pixelCount > maxPixels else { return self }
        let scale = (Double(maxPixels) / Double(pixelCount)).squareRoot()
        return try resized(width: max(1, Int(Double(width) * scale)), height: max(1, Int(Double(height) * scale)))
    }

    func rgbPixels() throws -> [UInt8] {
        // Written whole by the conversion: no zero-filling first (36 MB for a 12 MP photo).
        try [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { buffer, count in
            try VisionError.check { cv_shim_export_rgb(handle, buffer.baseAddress, buffer.count, $0) }
            count = buffer.count
        }
    }

    /// Encodes by extension: "jpg", "png", "bmp" or "webp".
    func encoded(as fileExtension: String, quality: Int = 90) throws -> Data {
        var bytes: UnsafeMutablePointer<UInt8>?
        var size = 0
        try VisionError.check { cv_shim_encode(handle, "." + fileExtension, Int32(quality), &bytes, &size, $0) }
        guard let bytes else { throw VisionError.internalFailure(detail: "encoder returned no bytes") }
        defer { cv_shim_buffer_free(bytes) }
        return Data(bytes: bytes, count: size)
    }

    func drawRectangle(_ rect: FaceLocation, red: UInt8, green: UInt8, blue: UInt8, thickness: Int) throws {
        let shimRect = cv_shim_rect(x: Int32(rect.x), y: Int32(rect.y), width: Int32(rect.width), height: Int32(rect.height))
        try VisionError.check { cv_shim_draw_rectangle(handle, shimRect, red, green, blue, Int32(thickness), $0) }
    }
}
