import Foundation

/// Every setting of Peek, read from `PEEK_*` environment variables with defaults, validated once at start-up.
public struct PeekConfiguration: Sendable {
    /// Root of everything Peek writes: database, blobs, temp files.
    public var dataDirectory: URL
    /// Where sockets, pid files and the worker's wake-up FIFO live.
    public var runDirectory: URL
    /// The only folder an upload body may be read from (nginx's client body temp path).
    public var uploadDirectory: URL
    public var maxUploadBytes: Int
    public var maxPixels: Int
    public var leaseSeconds: Double
    public var maxAttempts: Int
    public var jobTimeoutSeconds: Double
    public var jobMemoryBytes: Int
    /// How long a write waits for another process's write lock before giving up (503).
    public var busyTimeoutSeconds: Double
    /// How long a stopping worker lets its current job finish before handing it back.
    public var stopGraceSeconds: Double
    /// A worker whose last heartbeat is older than this is reported as not alive.
    public var heartbeatStaleSeconds: Double
    public var logLevel: String

    public static let environmentPrefix = "PEEK_"

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var reader = EnvironmentReader(environment: environment, prefix: Self.environmentPrefix)
        dataDirectory = URL(fileURLWithPath: reader.string("DATA_DIR", default: "/var/lib/peek"), isDirectory: true)
        runDirectory = URL(
            fileURLWithPath: reader.string("RUN_DIR", default: dataDirectory.appendingPathComponent("run").path),
            isDirectory: true)
        uploadDirectory = URL(
            fileURLWithPath: reader.string("UPLOAD_DIR", default: dataDirectory.appendingPathComponent("uploads").path),
            isDirectory: true)
        maxUploadBytes = try reader.integer("MAX_UPLOAD_BYTES", default: 16 * 1024 * 1024, range: 1...(1 << 30))
        maxPixels = try reader.integer("MAX_PIXELS", default: 50_000_000, range: 1...1_000_000_000)
        leaseSeconds = try Double(reader.integer("LEASE_SECONDS", default: 90, range: 1...86_400))
        maxAttempts = try reader.integer("MAX_ATTEMPTS", default: 3, range: 1...100)
        jobTimeoutSeconds = try reader.seconds("JOB_TIMEOUT_SECONDS", default: 60, range: 0.05...3_600)
        jobMemoryBytes = try reader.integer("JOB_MEMORY_MB", default: 1024, range: 128...65_536) * 1024 * 1024
        busyTimeoutSeconds = try Double(reader.integer("BUSY_TIMEOUT_MS", default: 5_000, range: 10...600_000)) / 1000
        stopGraceSeconds = try Double(reader.integer("STOP_GRACE_SECONDS", default: 20, range: 0...3_600))
        heartbeatStaleSeconds = try Double(reader.integer("HEARTBEAT_STALE_SECONDS", default: 30, range: 1...86_400))
        logLevel = reader.string("LOG_LEVEL", default: "info")
    }

    public var databaseURL: URL { dataDirectory.appendingPathComponent("peek.sqlite") }
    public var blobDirectory: URL { dataDirectory.appendingPathComponent("blobs", isDirectory: true) }
    public var temporaryDirectory: URL { dataDirectory.appendingPathComponent("tmp", isDirectory: true) }
    public var wakeupFIFO: URL { runDirectory.appendingPathComponent("worker.wake") }
}

/// Reads typed values for one prefix and names the variable in every error.
private struct EnvironmentReader {
    let environment: [String: String]
    let prefix: String

    func string(_ name: String, default value: String) -> String {
        guard let raw = environment[prefix + name], !raw.isEmpty else { return value }
        return raw
    }

    func seconds(_ name: String, default value: Double, range: ClosedRange<Double>) throws -> Double {
        guard let raw = environment[prefix + name], !raw.isEmpty else { return value }
        guard let parsed = Double(raw), range.contains(parsed) else {
            throw ConfigurationError(
                message: "\(prefix)\(name)=\(raw) is not a number of seconds in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }

    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = environment[prefix + name], !raw.isEmpty else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            throw ConfigurationError(
                message: "\(prefix)\(name)=\(raw) is not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }
}

/// A setting that cannot be used; the process refuses to start with it.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
