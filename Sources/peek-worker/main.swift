import ArgumentParser

/// Drains Peek's job table: as a daemon (default), once (`--once`, for cron or a timer), or
/// analyses local files without the server (`analyze FILE...`).
struct PeekWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peek-worker",
        abstract: "Analyse queued uploads (reads PEEK_* settings from the environment).",
        subcommands: [DrainCommand.self, AnalyzeCommand.self, AnalysisProcessCommand.self],
        defaultSubcommand: DrainCommand.self)
}

PeekWorker.main()
