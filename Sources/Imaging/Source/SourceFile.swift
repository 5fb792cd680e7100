import Foundation

/// A source file read in pieces: the engine looks at its first and last bytes before libvips
/// reads it.
struct SourceFile {
    let path: String
    let size: Int

    init(path: String) throws(TransformError) {
        self.path = path
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw .processingFailed(detail: "cannot read \(path): \(error)")
        }
    }

    func read(from offset: Int, count: Int) throws(TransformError) -> [UInt8] {
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
