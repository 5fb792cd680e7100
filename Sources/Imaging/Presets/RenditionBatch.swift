import Foundation

/// Renditions of many files in one process, for `peek-admin thumbnail` and the benchmark.
public enum RenditionBatch {
    /// Writes `preset` of each file into `directory` as NAME.webp (NAME: the file's name without
    /// its extension) and returns the paths written, in order.
    public static func write(_ preset: RenditionPreset, files: [String], into directory: String,
                             transformer: Transformer = Transformer()) throws(TransformError) -> [String] {
        var written: [String] = []
        for file in files {
            let image = try transformer.render(preset, from: .file(file))
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let target = URL(fileURLWithPath: directory, isDirectory: true)
                .appendingPathComponent(name).appendingPathExtension(preset.format.fileExtension)
            do {
                try image.data.write(to: target)
            } catch {
                throw .processingFailed(detail: "cannot write \(target.path): \(error)")
            }
            written.append(target.path)
        }
        return written
    }
}
