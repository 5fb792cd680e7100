import Foundation

// libFuzzer target for the image-header reader (Sources/Shared/Upload/ImageHeader.swift and
// ImageFormat.sniff), compiled together with them by Fuzz/run.sh. The input is the uploaded file.
//
// Besides memory errors (AddressSanitizer) and traps, it checks the reader's contract: 415 exactly
// when no format is recognised, 422 for a recognised but damaged header, otherwise a positive size
// in the sniffed format, and a pixel-limit check that never overflows and agrees with the product.

@_cdecl("LLVMFuzzerTestOneInput")
public func imageHeaderFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    let sniffed = ImageFormat.sniff(bytes)
    let header: ImageHeader
    do {
        header = try ImageHeader.read(bytes)
    } catch let error as PeekError {
        let expected: HTTPStatus = sniffed == nil ? .unsupportedMediaType : .unprocessableEntity
        precondition(error.status == expected, "read threw \(error.status.rawValue) for format \(String(describing: sniffed))")
        return 0
    } catch {
        preconditionFailure("read threw a non-PeekError: \(error)")
    }
    precondition(header.format == sniffed, "read says \(header.format), sniff says \(String(describing: sniffed))")
    precondition(header.width > 0 && header.height > 0, "non-positive size \(header.width)×\(header.height)")

    for limit in [1, 50_000_000, Int.max] {
        let (pixels, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        let fits = !overflow && pixels <= limit
        do {
            try header.checkPixelLimit(limit)
            precondition(fits, "\(header.width)×\(header.height) passed the limit of \(limit) pixels")
        } catch let error as PeekError {
            precondition(error.status == .payloadTooLarge && !fits,
                         "\(header.width)×\(header.height) refused (\(error.status.rawValue)) under the limit of \(limit)")
        } catch {
            preconditionFailure("checkPixelLimit threw a non-PeekError: \(error)")
        }
    }
    _ = header.format.mimeType
    return 0
}
