import ArgumentParser
import Foundation
import Maintenance
import PeekStore

/// A consistent copy of the database and blobs, taken while Peek runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database (SQLite online backup) and then the blobs into a new directory.",
        discussion: """
            The database is copied first, as one snapshot, and the blobs after it: blobs are \
            immutable and stored before the row naming them is committed, so every blob the \
            snapshot names is copied. The copy is then checked like `peek-admin check` and the \
            report is printed and saved as backup.json. With PEEK_BLOB_STORE=s3 the backup \
            holds the database only: the blobs stay in the bucket, and the check confirms that \
            every blob the snapshot names is there.
            """)

    @Argument(help: "Where to write the backup: a directory that does not exist yet or is empty.")
    var destination: String

    @Flag(help: "Hard-link blobs instead of copying them when on the same file system (fast, but not a copy on another disk).")
    var link = false

    @OptionGroup var dataDirectory: DataDirectoryOption

    func run() throws {
        let configuration = try dataDirectory.sqliteConfiguration(for: "peek-admin backup")
        let backup = Backup(source: configuration.dataDirectory,
                            destination: URL(fileURLWithPath: destination, isDirectory: true),
                            linkBlobs: link, bucket: configuration.bucket)
        let report = try backup.run()
        print(try report.json())
        if !report.ok { throw ExitCode.failure }
    }
}
