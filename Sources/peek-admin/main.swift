import ArgumentParser
import Foundation
import Shared

/// Administration commands for an installed Peek: schema migration and backups.
struct PeekAdmin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peek-admin",
        abstract: "Administer a Peek data directory (PEEK_DATA_DIR).",
        subcommands: [Migrate.self])
}

/// Applies pending migrations once, before the functions and workers start.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    func run() throws {
        let configuration = try PeekConfiguration()
        _ = try PeekDatabase(configuration: configuration)
        print("database ready: \(configuration.databaseURL.path)")
    }
}

PeekAdmin.main()
