import ArgumentParser
import Vision

/// Prints insights JSON for local files, one line each.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Print the insights of local image files as JSON lines.")

    @Flag(help: "Analyse at full resolution (slow on large photos).")
    var fullResolution = false

    @Argument(help: "Image files.")
    var files: [String]

    func run() throws {
        let analyzer = try ImageAnalyzer(configuration: fullResolution ? .fullResolution : VisionConfiguration())
        let reports = files.map { FileReport(analyzing: $0, with: analyzer) }
        reports.forEach { print($0.jsonLine) }
        if reports.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}
