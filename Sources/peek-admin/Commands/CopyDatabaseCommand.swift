import ArgumentParser
import Foundation
import Maintenance
import PeekStore

/// Moves a SQLite installation's tables into PostgreSQL: the copy, then the check of the new one.
struct CopyDatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-database",
        abstract: "Copy every row of the data directory's SQLite database into a PostgreSQL database, then check it.",
        discussion: """
            The rows are read in one SQLite snapshot and written in one PostgreSQL transaction: the \
            copy is whole or absent. The PostgreSQL database must exist (createdb) and be empty or \
            hold an earlier copy of the same installation, which the new copy replaces, so the \
            command can be rerun. Rows written to SQLite after the snapshot are not copied: stop \
            Peek (systemctl stop peek.target) before the copy you switch over with. The new database \
            is then checked like `peek-admin check`, its row counts against the source's.
            """)

    @Option(name: .customLong("to"), help: "The PostgreSQL database, postgresql://user:password@host:port/database.")
    var target: String

    @OptionGroup var dataDirectory: DataDirectoryOption

    func validate() throws {
        guard target.hasPrefix("postgresql://") || target.hasPrefix("postgres://") else {
            throw ValidationError("--to takes a postgresql:// URL")
        }
    }

    func run() throws {
        let configuration = try dataDirectory.sqliteConfiguration(for: "peek-admin copy-database")
        let source = DataDirectory(configuration: configuration).database.path
        let started = Date()
        let copied = try PostgreSQLCopy(sourcePath: source, targetURL: target).run { table, rows in
            FileHandle.standardError.write(Data("copied \(table): \(rows) rows\n".utf8))
        }
        let seconds = Date().timeIntervalSince(started)
        FileHandle.standardError.write(Data(String(format: "copied %d rows of %d tables in %.1f s into %@\n",
                                                   copied.values.reduce(0, +), copied.count, seconds,
                                                   PostgreSQLDatabase.redacted(target)).utf8))
        let report = try DataCheck(directory: configuration.dataDirectory, databaseURL: target).run()
        print(try report.json())
        let differing = copied.filter { report.rows[$0.key] != $0.value }.keys.sorted()
        if !differing.isEmpty {
            FileHandle.standardError.write(Data("row counts differ after the copy: \(differing.joined(separator: ", "))\n".utf8))
            throw ExitCode.failure
        }
        if !report.ok { throw ExitCode.failure }
    }
}
