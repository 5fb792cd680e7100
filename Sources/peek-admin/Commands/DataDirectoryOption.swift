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

    /// The configuration of a command that works on the data directory's SQLite file alone.
    func sqliteConfiguration(for command: String) throws -> PeekConfiguration {
        let configuration = try configuration()
        if configuration.databaseURL != nil {
            throw ValidationError("""
                the tables are in PostgreSQL (PEEK_DATABASE_URL): \(command) works on an installation that keeps SQLite; \
                back PostgreSQL up with pg_dump and pg_restore (README, "Scaling out")
                """)
        }
        return configuration
    }
}
