import Logging

/// Sets up swift-log once per process: plain lines on standard error (the journal or a log file
/// collects them), at the configured level.
public enum PeekLogging {
    public static func logger(label: String, level: String) -> Logger {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}
