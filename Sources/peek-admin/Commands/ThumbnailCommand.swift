import ArgumentParser
import Foundation
import Imaging

/// Makes a rendition of image files outside any data directory: for trying the presets, and
/// for bench/thumbnail.sh, which compares its CPU time with vipsthumbnail's.
struct ThumbnailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thumbnail",
        abstract: "Write the thumbnail (or web) rendition of each FILE into DIR as NAME.webp.",
        discussion: "The files are read as the worker reads blobs: EXIF orientation applied, shrunk while decoding.")

    @Argument(help: "Image files (PNG, JPEG, GIF, BMP, WebP).")
    var files: [String]

    @Option(name: .customLong("out"), help: "The directory to write into.")
    var directory: String

    @Option(help: "thumbnail (fits 800×800, q90) or web (longest side 2400, q92).")
    var preset: RenditionPreset = .thumbnail

    @Option(help: "libvips worker threads per image (default: one per core).")
    var threads: Int = 0

    func run() throws {
        do {
            try ImagingRuntime.configure(threads: threads)
            for path in try RenditionBatch.write(preset, files: files, into: directory) {
                print(path)
            }
        } catch {
            let detail = error.internalDetail.map { " (\($0))" } ?? ""
            FileHandle.standardError.write(Data("peek-admin thumbnail: \(error)\(detail)\n".utf8))
            throw ExitCode.failure
        }
    }
}

extension RenditionPreset: ExpressibleByArgument {}
