import ArgumentParser

/// Administration of an installed Peek: schema migration, consistency check, backup and restore,
/// accounts and the sweep, the move to PostgreSQL; renditions of image files and signed transform paths.
struct PeekAdmin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peek-admin",
        abstract: "Administer a Peek data directory (PEEK_DATA_DIR, default /var/lib/peek).",
        subcommands: [ConfigCommand.self, MigrateCommand.self, CheckCommand.self, BackupCommand.self, RestoreCommand.self,
                      SignURLCommand.self, ThumbnailCommand.self, UserCommand.self, SweepCommand.self,
                      CopyDatabaseCommand.self, CopyBlobsCommand.self])
}

PeekAdmin.main()
