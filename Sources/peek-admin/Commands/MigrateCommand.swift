import ArgumentParser
import Foundation
import PeekCore
import Maintenance
import PeekStore

/// Applies pending migrations once, before the functions and workers start (peek-migrate.service):
/// to the PostgreSQL database of `PEEK_DATABASE_URL` when set (it must exist: `createdb`), else
/// to the data directory's SQLite file, created when missing.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the database schema and the data directory.")

    @OptionGroup var dataDirectory: DataDirectoryOption

    func run() throws {
        let configuration = try dataDirectory.configuration()
        let database: String
        if let url = configuration.databaseURL {
            _ = try PostgreSQLDatabase(url: url)
            database = PostgreSQLDatabase.redacted(url)
        } else {
            database = DataDirectory(configuration: configuration).database.path
            _ = try SQLiteDatabase(path: database)
        }
        try DataDirectoryLayout(configuration: configuration).prepare()
        print("database ready: \(database)")
    }
}
