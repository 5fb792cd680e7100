import ArgumentParser
import Foundation
import PeekCore
import PeekStore

/// `--data-dir DIR`, overriding PEEK_DATA_DIR for one command.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The data directory (default: PEEK_DATA_DIR or /var/lib/peek).")
    var path: String?

    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PeekConfiguration {
        var environment = environment
        if let path {
            environment[PeekConfiguration.environmentPrefix + "DATA_DIR"] = path
        }
        return try PeekConfiguration(environment: environment)
    }
}
