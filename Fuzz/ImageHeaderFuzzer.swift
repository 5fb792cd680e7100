import Foundation

// libFuzzer target for the image-header reader (Sources/ImageInspection), compiled together with
// it by Fuzz/run.sh. The input is the uploaded file.
//
// Besides memory errors (AddressSanitizer) and traps, it checks the reader's contract: an
// unsupported format exactly when no signature is recognised, a damaged header only in the sniffed
// format, otherwise a positive size in the sniffed format, and a pixel-limit check that never
// overflows and agrees with the product.

@_cdecl("LLVMFuzzerTestOneInput")
public func imageHeaderFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let sniffed = ImageFormat.sniff(bytes)
    let header: ImageHeader
    do throws(ImageHeaderError) {
        header = try ImageHeader.read(bytes)
    } catch {
        switch error {
        case .unsupportedFormat:
            precondition(sniffed == nil, "unsupported, yet sniffed as \(String(describing: sniffed))")
        case .damaged(let format):
            precondition(format == sniffed, "damaged \(format), yet sniffed as \(String(describing: sniffed))")
        }
        return 0
    }
    precondition(header.format == sniffed, "read says \(header.format), sniff says \(String(describing: sniffed))")
    precondition(header.width > 0 && header.height > 0, "non-positive size \(header.width)×\(header.height)")

    for limit in [1, 50_000_000, Int.max] {
        let (pixels, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        let fits = !overflow && pixels <= limit
        precondition(header.exceeds(maxPixels: limit) == !fits,
                     "\(header.width)×\(header.height) misjudged against the limit of \(limit) pixels")
    }
    _ = header.format.mimeType
    return 0
}
