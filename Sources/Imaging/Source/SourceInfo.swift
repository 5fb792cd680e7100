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
    /// data is whole. From a file it reads the first MiB and the last 64 KiB, and the whole file
    /// only when what it looks for lies elsewhere.
    public static func read(_ source: TransformSource) throws(TransformError) -> SourceInfo {
        switch source {
        case let .bytes(data):
            let bytes = Array(data)
            let info = try read(bytes, complete: true)
            try checkWhole(info, tail: bytes, whole: { bytes })
            return info
        case let .file(path):
            let file = try SourceFile(path: path)
            let prefix = try file.read(from: 0, count: prefixLength)
            let info: SourceInfo
            do {
                info = try read(prefix, complete: prefix.count == file.size)
            } catch .unsupportedSource {
                throw .unsupportedSource
            } catch {
                info = try read(file.read(from: 0, count: file.size), complete: true)
            }
            try checkWhole(info, tail: file.read(from: max(0, file.size - tailLength), count: tailLength),
                           whole: { () throws(TransformError) in try file.read(from: 0, count: file.size) })
            return info
        }
    }

    static let prefixLength = 1 << 20
    static let tailLength = 1 << 16

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
