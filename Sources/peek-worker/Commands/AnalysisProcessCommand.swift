import ArgumentParser
import PeekCore
import Worker

/// The isolated process the worker starts itself; not for direct use.
struct AnalysisProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analysis-process", shouldDisplay: false)

    @Flag(help: "Answer with fixed insights at once (peek-worker run --stub-analysis).")
    var stub = false

    func run() throws {
        if stub { StubAnalysisService.run() }
        AnalysisService.run(configuration: try PeekConfiguration())
    }
}
