import ArgumentParser
import Foundation
import Logging
import Shared
import Vision
import Worker

/// Drains Peek's job table: as a daemon (default), once (`--once`, for cron or a timer), or
/// analyses local files without the server (`analyze FILE...`).
struct PeekWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peek-worker",
        abstract: "Analyse queued uploads (reads PEEK_* settings from the environment).",
        subcommands: [Drain.self, Analyze.self, AnalysisProcessCommand.self],
        defaultSubcommand: Drain.self)
}

/// The worker proper.
struct Drain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Process queued jobs (the default).")

    @Flag(help: "Drain what is queued, then exit.")
    var once = false

    func run() throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let configuration = try PeekConfiguration()
        var logger = Logger(label: "peek-worker")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        try JobRunner(configuration: configuration, logger: logger).run(once: once)
    }
}

/// Prints insights JSON for local files, one line each.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the insights of local image files as JSON lines.")

    @Flag(help: "Analyse at full resolution (SPEC §3 literally; slow on large photos).")
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

/// The isolated process the worker starts itself; not for direct use.
struct AnalysisProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analysis-process", shouldDisplay: false)

    func run() throws {
        AnalysisService.run(configuration: try PeekConfiguration())
    }
}

PeekWorker.main()
