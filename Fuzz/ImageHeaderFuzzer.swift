import Foundation

// libFuzzer target for the image-header reader (Sources/ImageInspection), compiled together with
// it by Fuzz/run.sh. The input is the uploaded file.
//
// Besides memory errors (AddressSanitizer) and traps, it checks the reader's contract: an
// unsupported format exactly when no signature is recognised, a damaged header only in the sniffed
// format, otherwise a positive size in the sniffed format, and a pixel-limit check that never
// overflows and agrees with the product. Then the decoding limits: a side refused exactly when it
// is past its format's limit, a JPEG's scans refused exactly when past the limit for its size,
// and a JPEG layout (end, EXIF segment) that lies within the bytes. The input is also read as
// the TIFF structure of an EXIF segment.

@_cdecl("LLVMFuzzerTestOneInput")
public func imageHeaderFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    _ = ExifOrientation(tiff: bytes)
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
        case .sideTooLong, .tooManyScans:
            preconditionFailure("reading a header applies no limit, yet it threw \(error)")
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
    checkDecodingLimits(header, bytes)
    return 0
}

private func checkDecodingLimits(_ header: ImageHeader, _ bytes: UnsafeRawBufferPointer) {
    let limits = DecodingLimits.standard
    let sidesFit = max(header.width, header.height) <= header.format.maxSide
    let layout: JPEGLayout?
    do throws(ImageHeaderError) {
        layout = try limits.check(header, of: bytes)
    } catch {
        switch error {
        case .sideTooLong(_, let length, let limit):
            precondition(!sidesFit && length > limit && limit == header.format.maxSide, "\(error) for \(header)")
        case .tooManyScans(let count, let limit):
            precondition(sidesFit && header.format == .jpeg && count > limit
                         && limit == limits.scanLimit(pixels: header.width * header.height), "\(error) for \(header)")
        case .unsupportedFormat, .damaged:
            preconditionFailure("the limits check threw \(error) for a readable header")
        }
        return
    }
    precondition(sidesFit, "\(header) passed the side limit of \(header.format.maxSide)")
    precondition((layout != nil) == (header.format == .jpeg), "a layout exactly for JPEG, not for \(header.format)")
    guard let layout else { return }
    let end = layout.length ?? bytes.count
    if let length = layout.length {
        precondition(length >= 4 && length <= bytes.count && bytes[length - 2] == 0xFF && bytes[length - 1] == 0xD9,
                     "the JPEG's length \(length) does not end at an EOI within \(bytes.count) bytes")
    }
    // Every scan has its own start-of-scan segment, 4 bytes at least.
    precondition(layout.scanCount >= 0 && layout.scanCount * 4 <= end, "\(layout.scanCount) scans in \(end) bytes")
    if let exif = layout.exif {
        precondition(exif.lowerBound >= 10 && exif.upperBound <= end, "EXIF at \(exif) outside the JPEG's \(end) bytes")
        _ = ExifOrientation(tiff: UnsafeRawBufferPointer(rebasing: bytes[exif]))
    }
}
