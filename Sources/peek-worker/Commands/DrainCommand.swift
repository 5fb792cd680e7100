import ArgumentParser
import PeekCore
import Worker

/// The worker proper: claims jobs and has them analysed until stopped (or, with `--once`, until
/// the queue is empty).
struct DrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Process queued jobs (the default).")

    @Flag(help: "Drain what is queued, then exit.")
    var once = false

    func run() throws {
        let configuration = try PeekConfiguration()
        let logger = PeekLogging.logger(label: "peek-worker", level: configuration.logLevel)
        try JobRunner(configuration: configuration, logger: logger).run(once: once)
    }
}
