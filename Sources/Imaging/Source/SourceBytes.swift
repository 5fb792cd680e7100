import Foundation

/// A source read in pieces: the engine looks at its first and last bytes before libvips reads
/// it, without copying a whole upload or reading a whole file for that.
struct SourceBytes {
    private enum Storage {
        case data(Data)
        case file(String)
    }

    private let storage: Storage
    let size: Int

    init(_ source: TransformSource) throws(TransformError) {
        switch source {
        case let .bytes(data):
            storage = .data(data)
            size = data.count
        case let .file(path):
            storage = .file(path)
            do {
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            } catch {
                throw .processingFailed(detail: "cannot read \(path): \(error)")
            }
        }
    }

    /// Up to `count` bytes from `offset`.
    func read(from offset: Int, count: Int) throws(TransformError) -> [UInt8] {
        switch storage {
        case let .data(data):
            let start = data.startIndex + min(offset, data.count)
            return Array(data[start..<min(start + count, data.endIndex)])
        case let .file(path):
            do {
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
                defer { try? handle.close() }
                try handle.seek(toOffset: UInt64(offset))
                return Array(try handle.read(upToCount: count) ?? Data())
            } catch {
                throw .processingFailed(detail: "cannot read \(path): \(error)")
            }
        }
    }
}
