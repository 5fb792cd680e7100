import ArgumentParser
import PeekCore
import Worker

/// The isolated process the worker starts itself; not for direct use.
struct AnalysisProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analysis-process", shouldDisplay: false)

    func run() throws {
        AnalysisService.run(configuration: try PeekConfiguration())
    }
}
