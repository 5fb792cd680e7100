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
            Works on the live data directory while Peek runs, and on a backup made by `peek-admin backup`. \
            With PEEK_BLOB_STORE=s3 the blobs are looked for in the bucket.
            """)

    @Argument(help: "A data directory or a backup (default: the data directory).")
    var directory: String?

    @OptionGroup var dataDirectory: DataDirectoryOption

    func run() throws {
        let configuration = try dataDirectory.configuration()
        let root = directory.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? configuration.dataDirectory
        let report = try DataCheck(directory: root, bucket: configuration.bucket).run()
        print(try report.json())
        if !report.ok { throw ExitCode.failure }
    }
}
