import Foundation
import ImageInspection

/// What is known of a source before any pixel is decoded: its header and EXIF orientation.
public struct SourceInfo: Equatable, Sendable {
    public let header: ImageHeader
    public let orientation: ExifOrientation

    public init(header: ImageHeader, orientation: ExifOrientation = .topLeft) {
        self.header = header
        self.orientation = orientation
    }

    /// The size once EXIF orientation is applied.
    public var upright: PixelSize {
        let stored = PixelSize(width: header.width, height: header.height)
        return orientation.transposes ? stored.transposed : stored
    }

    /// Reads the header, the orientation where the format has one and, for JPEG, whether the
    /// data is whole, from the first and last 64 KiB, and more only when what it looks for lies
    /// elsewhere.
    public static func read(_ source: TransformSource) throws(TransformError) -> SourceInfo {
        let bytes = try SourceBytes(source)
        let info = try readGrowing(bytes)
        try checkWhole(info, tail: bytes.read(from: max(0, bytes.size - tailLength), count: tailLength),
                       whole: { () throws(TransformError) in try bytes.read(from: 0, count: bytes.size) })
        return info
    }

    /// Headers and EXIF usually lie in the first few KiB; large APP segments (ICC profiles,
    /// XMP) can push a JPEG's frame header further, hence the larger reads after the first.
    static let prefixLengths = [1 << 16, 1 << 20]
    static let tailLength = 1 << 16

    private static func readGrowing(_ bytes: SourceBytes) throws(TransformError) -> SourceInfo {
        for length in prefixLengths where length < bytes.size {
            do {
                return try read(bytes.read(from: 0, count: length), complete: false)
            } catch .unsupportedSource {
                throw .unsupportedSource
            } catch {
                continue
            }
        }
        return try read(bytes.read(from: 0, count: bytes.size), complete: true)
    }

    /// Throws `.undecodableSource` when `bytes` are not `complete` and may hold more than they show.
    private static func read(_ bytes: [UInt8], complete: Bool) throws(TransformError) -> SourceInfo {
        let header: ImageHeader
        do {
            header = try bytes.withUnsafeBytes { buffer in
                Result { () throws(ImageHeaderError) in try ImageHeader.read(buffer) }
            }.get()
        } catch {
            switch error {
            case .unsupportedFormat: throw .unsupportedSource
            case let .damaged(format): throw .undecodableSource(detail: "damaged \(format.rawValue) header")
            case .sideTooLong, .tooManyScans: throw .undecodableSource(detail: error.description)
            }
        }
        switch ExifOrientationReader.read(bytes, format: header.format) {
        case let .found(orientation): return SourceInfo(header: header, orientation: orientation)
        case .absent: return SourceInfo(header: header)
        case .needsMoreBytes:
            guard complete else { throw .undecodableSource(detail: "EXIF beyond the first bytes read") }
            return SourceInfo(header: header)
        }
    }

    private static func checkWhole(_ info: SourceInfo, tail: [UInt8], whole: () throws(TransformError) -> [UInt8])
        throws(TransformError) {
        guard info.header.format == .jpeg else { return }
        let whole = if let present = JPEGEnd.isPresent(in: tail) { present } else { JPEGEnd.isPresent(in: try whole()) ?? false }
        guard whole else {
            throw .undecodableSource(detail: "JPEG data ends before its end-of-image marker")
        }
    }
}
