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

    /// Reads the header, and the orientation where the format has one. From a file it reads the
    /// first MiB, and the whole file only when the header or the EXIF data lies further on.
    public static func read(_ source: TransformSource) throws(TransformError) -> SourceInfo {
        switch source {
        case let .bytes(data):
            return try read(Array(data), complete: true)
        case let .file(path):
            let prefix = try readFile(path, upTo: prefixLength)
            if prefix.count < prefixLength { return try read(prefix, complete: true) }
            do {
                return try read(prefix, complete: false)
            } catch .unsupportedSource {
                throw .unsupportedSource
            } catch {
                return try read(readFile(path, upTo: nil), complete: true)
            }
        }
    }

    static let prefixLength = 1 << 20

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

    private static func readFile(_ path: String, upTo length: Int?) throws(TransformError) -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let data = if let length { try handle.read(upToCount: length) } else { try handle.readToEnd() }
            return Array(data ?? Data())
        } catch {
            throw .processingFailed(detail: "cannot read \(path): \(error)")
        }
    }
}
