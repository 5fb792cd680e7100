import ArgumentParser
import Foundation
import PeekCore
import PeekStore

/// What an idle worker does hourly, on demand: the retention of anonymous uploads, orphan blobs
/// and stale temp files; prints what it removed as JSON.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Delete anonymous uploads past PEEK_RETENTION_DAYS, blobs nothing names, stale temp files.",
        discussion: "Blobs and temp files younger than an hour are kept: they may belong to work under way.")

    @OptionGroup var dataDirectory: DataDirectoryOption

    func run() throws {
        let configuration = try dataDirectory.configuration()
        let report = try Sweeper(database: try DatabaseProvider.open(configuration),
                                 directory: DataDirectory(configuration: configuration),
                                 blobs: BlobStores.configured(configuration), retentionSeconds: configuration.retentionSeconds).run()
        print(String(decoding: JSON.encode(report), as: UTF8.self))
    }
}
