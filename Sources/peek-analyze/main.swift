import Foundation
import Vision

// peek-analyze [--full-resolution] FILE...: one JSON line per file with its insights and analysis time.
var paths = Array(CommandLine.arguments.dropFirst())
let fullResolution = paths.first == "--full-resolution"
if fullResolution { paths.removeFirst() }
guard !paths.isEmpty else {
    FileHandle.standardError.write(Data("usage: peek-analyze [--full-resolution] FILE...\n".utf8))
    exit(2)
}
do {
    let analyzer = try ImageAnalyzer(configuration: fullResolution ? .fullResolution : VisionConfiguration())
    let reports = paths.map { FileReport(analyzing: $0, with: analyzer) }
    reports.forEach { print($0.jsonLine) }
    exit(reports.allSatisfy { $0.error == nil } ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("peek-analyze: \(error)\n".utf8))
    exit(1)
}
