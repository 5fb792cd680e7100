import ArgumentParser
import Foundation
import Maintenance
import PeekStore

/// Puts a backup back into a data directory (Peek stopped).
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup made by `peek-admin backup` into the data directory.",
        discussion: """
            Stop Peek first (systemctl stop peek.target). The backup is checked before anything is \
            written; blobs are copied first and the database last, so an interrupted restore leaves \
            no database that names a missing blob. A data directory that already has a database is \
            refused unless --force is given. Run as root, restored files get the owner of the data \
            directory. The next start migrates the restored database if it is older.
            """)

    @Argument(help: "The backup directory.")
    var source: String

    @Flag(help: "Replace an existing database in the data directory (its blobs are kept).")
    var force = false

    @OptionGroup var dataDirectory: DataDirectoryOption

    func run() throws {
        let configuration = try dataDirectory.sqliteConfiguration(for: "peek-admin restore")
        let restore = Restore(source: URL(fileURLWithPath: source, isDirectory: true),
                              destination: configuration.dataDirectory, replaceDatabase: force,
                              bucket: configuration.bucket)
        let report = try restore.run()
        print(try report.json())
        if !report.ok { throw ExitCode.failure }
    }
}
