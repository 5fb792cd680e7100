import ArgumentParser
import Foundation
import Maintenance
import PeekStore

/// Prints a JSON report on a data directory or a backup; exits 1 when it is not consistent.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database (integrity, row counts) and that every blob it names exists; prints JSON.",
        discussion: """
            Works on the live installation while Peek runs (its PostgreSQL database when PEEK_DATABASE_URL \
            is set), and on a backup made by `peek-admin backup`. With PEEK_BLOB_STORE=s3 the blobs are \
            looked for in the bucket.
            """)

    @Argument(help: "A data directory or a backup (default: the data directory).")
    var directory: String?

    @OptionGroup var dataDirectory: DataDirectoryOption

    func run() throws {
        let report = try check().run()
        print(try report.json())
        if !report.ok { throw ExitCode.failure }
    }

    /// A backup is always SQLite; the live installation keeps its tables where it is configured to.
    private func check() throws -> DataCheck {
        let configuration = try dataDirectory.configuration()
        if let directory {
            return DataCheck(directory: URL(fileURLWithPath: directory, isDirectory: true), bucket: configuration.bucket)
        }
        return DataCheck(directory: configuration.dataDirectory, databaseURL: configuration.databaseURL,
                         bucket: configuration.bucket)
    }
}
