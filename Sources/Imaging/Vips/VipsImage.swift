import CImaging
import Foundation

/// Owns one libvips image. Operations are lazy: each returns a new image describing the result,
/// and pixels are computed only when an encoder (or `inMemory`) pulls them.
final class VipsImage {
    private let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        cimaging_unref(handle)
    }

    var width: Int { Int(cimaging_width(handle)) }
    var height: Int { Int(cimaging_height(handle)) }
    var size: PixelSize { PixelSize(width: width, height: height) }
    var bands: Int { Int(cimaging_bands(handle)) }
    var hasAlpha: Bool { cimaging_has_alpha(handle) != 0 }
    var isEightBit: Bool { cimaging_format(handle) == CIMAGING_FORMAT_UCHAR }

    /// Calls a libvips function that writes a new image to its out parameter.
    private static func make(_ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws(VipsError) -> VipsImage {
        try VipsRuntime.start()
        var out: OpaquePointer?
        guard call(&out) == 0, let out else { throw VipsError(message: VipsRuntime.takeErrorText()) }
        return VipsImage(handle: out)
    }

    /// Decodes `bytes` through vips_thumbnail to exactly `size` (shrinking while decoding where
    /// the format allows it), without applying EXIF orientation.
    static func thumbnail(bytes: Data, size: PixelSize) throws(VipsError) -> VipsImage {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(VipsError) in
                try make { out in
                    cimaging_thumbnail_buffer(buffer.baseAddress, buffer.count, out, Int32(size.width), Int32(size.height),
                                              Int32(CIMAGING_FAIL_ON_ERROR))
                }
            }
        }.get()
    }

    static func thumbnail(file path: String, size: PixelSize) throws(VipsError) -> VipsImage {
        try make { cimaging_thumbnail_file(path, $0, Int32(size.width), Int32(size.height), Int32(CIMAGING_FAIL_ON_ERROR)) }
    }

    /// A JPEG decoded by libjpeg at 1/`shrink` scale (1, 2, 4 or 8), without EXIF orientation.
    static func jpeg(bytes: Data, shrink: Int) throws(VipsError) -> VipsImage {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(VipsError) in
                try make { cimaging_jpegload_buffer(buffer.baseAddress, buffer.count, $0, Int32(shrink), Int32(CIMAGING_FAIL_ON_ERROR)) }
            }
        }.get()
    }

    static func jpeg(file path: String, shrink: Int) throws(VipsError) -> VipsImage {
        try make { cimaging_jpegload_file(path, $0, Int32(shrink), Int32(CIMAGING_FAIL_ON_ERROR)) }
    }

    /// An 8-bit image of `bands` interleaved bands per pixel, row by row.
    static func fromPixels(_ pixels: [UInt8], width: Int, height: Int, bands: Int) throws(VipsError) -> VipsImage {
        try pixels.withUnsafeBytes { buffer in
            Result { () throws(VipsError) in
                try make { out in
                    cimaging_new_from_memory(buffer.baseAddress, buffer.count, Int32(width), Int32(height), Int32(bands), out)
                }
            }
        }.get()
    }

    /// An 8-bit image over `pixels` without a copy, for `body` only: the pixels must stay put
    /// while anything made from the image is computed, so everything happens inside `body`.
    static func wrapping<T>(_ pixels: UnsafeRawBufferPointer, width: Int, height: Int, bands: Int,
                            _ body: (VipsImage) throws(TransformError) -> T) throws(TransformError) -> T {
        let image: VipsImage
        do {
            image = try make { cimaging_wrap_memory(pixels.baseAddress, pixels.count, Int32(width), Int32(height), Int32(bands), $0) }
        } catch {
            throw .processingFailed(detail: error.message)
        }
        return try body(image)
    }

    /// A file's header (its pixels are decoded when pulled), whatever its format.
    static func opening(file path: String) throws(VipsError) -> VipsImage {
        try make { cimaging_open_file(path, $0) }
    }

    var hasProfile: Bool { cimaging_has_profile(handle) != 0 }

    /// The pixels computed into a new buffer of this image's own, never shared with its input
    /// (`inMemory()` hands back an image already in memory as it is).
    func copiedPixels() throws(VipsError) -> VipsImage {
        try Self.make { cimaging_copy_pixels(handle, $0) }
    }

    /// Swaps the first and third bands in place; only for an image from `copiedPixels()` that nothing else reads.
    func swapRedAndBlue() throws(VipsError) {
        guard cimaging_swap_red_blue(handle) == 0 else { throw VipsError(message: "not a 3-band 8-bit image in memory") }
    }

    /// Shrunk by a box filter of `factor` × `factor` pixels.
    func shrunk(by factor: Int) throws(VipsError) -> VipsImage {
        try Self.make { cimaging_shrink(handle, $0, Int32(factor)) }
    }

    /// Resizes to exactly `size` the way vips_thumbnail does (colour to sRGB, alpha premultiplied).
    func resized(to size: PixelSize) throws(VipsError) -> VipsImage {
        try Self.make { cimaging_thumbnail_image(handle, $0, Int32(size.width), Int32(size.height)) }
    }

    /// The pixels computed once into memory: needed before operations that read their input
    /// out of order (rotation, vertical flip, smart crop), since decoding is sequential.
    func inMemory() throws(VipsError) -> VipsImage {
        try Self.make { cimaging_copy_memory(handle, $0) }
    }

    /// The same pixels without the ICC profile the loader attached: they are already sRGB, and a
    /// later resize would otherwise convert them to sRGB again.
    func withoutProfile() throws(VipsError) -> VipsImage {
        try Self.make { cimaging_remove_profile(handle, $0) }
    }

    func extracted(x: Int, y: Int, width: Int, height: Int) throws(VipsError) -> VipsImage {
        try Self.make { cimaging_extract_area(handle, $0, Int32(x), Int32(y), Int32(width), Int32(height)) }
    }

    /// The centre of the region libvips' attention measure finds most interesting for a `width`×`height` cut.
    func attentionCentre(width: Int, height: Int) throws(VipsError) -> (x: Int, y: Int) {
        var x: Int32 = 0
        var y: Int32 = 0
        guard cimaging_smartcrop_attention(handle, Int32(width), Int32(height), &x, &y) == 0 else {
            throw VipsError(message: VipsRuntime.takeErrorText())
        }
        return (Int(x), Int(y))
    }

    func rotated(_ turn: QuarterTurn) throws(VipsError) -> VipsImage {
        let angle = switch turn {
        case .quarter: CIMAGING_ANGLE_D90
        case .half: CIMAGING_ANGLE_D180
        case .threeQuarters: CIMAGING_ANGLE_D270
        }
        return try Self.make { cimaging_rotate(handle, $0, Int32(angle)) }
    }

    func flipped(_ axis: FlipAxis) throws(VipsError) -> VipsImage {
        let direction = axis == .horizontal ? CIMAGING_DIRECTION_HORIZONTAL : CIMAGING_DIRECTION_VERTICAL
        return try Self.make { cimaging_flip(handle, $0, Int32(direction)) }
    }

    /// Grey (one band, plus alpha if there is one).
    func grey() throws(VipsError) -> VipsImage {
        try Self.make { cimaging_colourspace(handle, $0, Int32(CIMAGING_INTERPRETATION_B_W)) }
    }

    func sRGB() throws(VipsError) -> VipsImage {
        try Self.make { cimaging_colourspace(handle, $0, Int32(CIMAGING_INTERPRETATION_SRGB)) }
    }

    func eightBit() throws(VipsError) -> VipsImage {
        try Self.make { cimaging_cast_uchar(handle, $0) }
    }

    func gaussianBlurred(sigma: Double) throws(VipsError) -> VipsImage {
        try Self.make { cimaging_gaussblur(handle, $0, sigma) }
    }

    func sharpened(sigma: Double) throws(VipsError) -> VipsImage {
        try Self.make { cimaging_sharpen(handle, $0, sigma) }
    }

    /// `a × pixel + b` per band, rounded and clipped to 0…255.
    func linear(multiply: [Double], add: [Double]) throws(VipsError) -> VipsImage {
        try Self.make { cimaging_linear(handle, $0, multiply, add, Int32(multiply.count)) }
    }

    /// Composes onto a flat colour, dropping alpha; `background` has one value per colour band.
    func flattened(onto background: [Double]) throws(VipsError) -> VipsImage {
        try Self.make { cimaging_flatten(handle, $0, background, Int32(background.count)) }
    }

    /// Fills a rectangle in place; only on an image of one's own from `inMemory()`.
    func fill(x: Int, y: Int, width: Int, height: Int, ink: [Double]) throws(VipsError) {
        guard cimaging_draw_rect(handle, ink, Int32(ink.count), Int32(x), Int32(y), Int32(width), Int32(height)) == 0 else {
            throw VipsError(message: VipsRuntime.takeErrorText())
        }
    }

    func jpeg(quality: Int) throws(VipsError) -> Data {
        try encode { cimaging_jpegsave(handle, $0, $1, Int32(quality)) }
    }

    func png() throws(VipsError) -> Data {
        try encode { cimaging_pngsave(handle, $0, $1) }
    }

    /// `effort`: libwebp's method, 0 (fastest) to 6; 4 is libvips' default.
    func webp(quality: Int, effort: Int = 4) throws(VipsError) -> Data {
        try encode { cimaging_webpsave(handle, $0, $1, Int32(quality), Int32(effort)) }
    }

    /// The raw 8-bit pixels, band-interleaved, row by row.
    func pixels() throws(VipsError) -> [UInt8] {
        var length = 0
        guard let memory = cimaging_write_to_memory(handle, &length) else {
            throw VipsError(message: VipsRuntime.takeErrorText())
        }
        defer { cimaging_free(memory) }
        return Array(UnsafeRawBufferPointer(start: memory, count: length))
    }

    private func encode(_ call: (UnsafeMutablePointer<UnsafeMutableRawPointer?>, UnsafeMutablePointer<Int>) -> Int32)
        throws(VipsError) -> Data {
        var bytes: UnsafeMutableRawPointer?
        var length = 0
        guard call(&bytes, &length) == 0, let bytes else { throw VipsError(message: VipsRuntime.takeErrorText()) }
        return Data(bytesNoCopy: bytes, count: length, deallocator: .custom { pointer, _ in cimaging_free(pointer) })
    }
}
