import ArgumentParser
import PeekCore
import Worker

/// The worker proper: claims jobs and has them analysed until stopped (or, with `--once`, until
/// the queue is empty).
struct DrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Process queued jobs (the default).")

    @Flag(help: "Drain what is queued, then exit.")
    var once = false

    @Flag(help: ArgumentHelp("Complete every job with fixed insights at once (benchmarks of the job path).", visibility: .hidden))
    var stubAnalysis = false

    @Option(help: "What to drain: all (analyses, and model builds and runs beside them), analyses, models, builds or runs.")
    var only = "all"

    func validate() throws {
        guard WorkerLanes(name: only) != nil else { throw ValidationError("--only must be all, analyses, models, builds or runs") }
    }

    func run() throws {
        let configuration = try PeekConfiguration()
        let logger = PeekLogging.logger(label: "peek-worker", level: configuration.logLevel)
        try JobRunner(configuration: configuration, logger: logger, lanes: WorkerLanes(name: only)!,
                      stubAnalysis: stubAnalysis).run(once: once)
    }
}
