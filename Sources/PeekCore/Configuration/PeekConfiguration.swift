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
    /// The largest request body: the image limit plus room for the multipart envelope. nginx's
    /// `client_max_body_size` is rendered from it (`peek-admin config`), so both refuse alike.
    public var maxRequestBodyBytes: Int { maxUploadBytes + Self.multipartEnvelopeBytes }
    public var maxPixels: Int
    public var leaseSeconds: Double
    public var maxAttempts: Int
    /// Uploads one client may have waiting for analysis; more are refused with 429.
    public var maxQueuedPerClient: Int
    /// Uploads that may wait in all; more are refused with 503.
    public var maxQueued: Int
    /// `/api/health` reports degraded when the oldest queued upload has waited longer than this.
    public var queueWaitDegradedSeconds: Double
    public var jobTimeoutSeconds: Double
    public var jobMemoryBytes: Int
    /// How long a write waits for another process's write lock before giving up (503).
    public var busyTimeoutSeconds: Double
    /// How long a stopping worker lets its current job finish before handing it back.
    public var stopGraceSeconds: Double
    /// A worker whose last heartbeat is older than this is reported as not alive.
    public var heartbeatStaleSeconds: Double
    public var logLevel: String
    /// When set, `/t/` transform paths must carry its signature (imgproxy's scheme).
    public var transformKey: String?
    /// The largest side and the most pixels a transform may produce.
    public var transformMaxSide: Int
    public var transformMaxPixels: Int
    /// A transform process is stopped after this long (the answer is a JSON 5xx; the pool serves on).
    public var transformTimeoutSeconds: Double
    /// A transform process's address space; an allocation past it fails the request.
    public var transformMemoryBytes: Int
    /// `POST /api/users` creates accounts only when this is on (`PEEK_REGISTRATION=open`).
    public var registrationOpen: Bool
    /// Off: `POST /api/analyze` needs a logged-in owner.
    public var anonymousUploads: Bool
    /// How long a login session lasts.
    public var sessionSeconds: Double
    /// Anonymous uploads older than this are deleted by the sweep; nil keeps them.
    public var retentionSeconds: Double?
    /// Failed logins allowed per account, and per client address, within a minute before 429.
    public var loginFailuresPerAccount: Int
    public var loginFailuresPerAddress: Int
    /// Wrong share-link passwords allowed per link within a minute before 429.
    public var unlockFailuresPerShare: Int
    /// Session cookies carry `Secure` even when nginx itself is not the HTTPS end (a TLS proxy in front).
    public var secureCookies: Bool
    /// `PEEK_DATABASE_URL`: a `postgresql://user:password@host:port/database` URL (libpq's form)
    /// keeps every table in that PostgreSQL database; nil keeps them in the data directory's SQLite file.
    public var databaseURL: String?
    /// `PEEK_BLOB_STORE=s3` and the `PEEK_S3_*` settings: blobs in that bucket; nil (`local`, the
    /// default) keeps them in the data directory.
    public var s3: S3Settings?
    /// Models (SPEC §11): a run's wall-clock limit, memory (address space per process), processes,
    /// output folder size and files; a build's time limit (pip and the smoke run).
    public var modelRunSeconds: Double
    public var modelMemoryBytes: Int
    public var modelProcesses: Int
    public var modelOutputBytes: Int
    public var modelOutputFiles: Int
    public var modelBuildSeconds: Double
    /// When the worker runs as root, sandboxes run as uids from this one up (one per build owner, one per run).
    public var modelSandboxUIDBase: Int

    public static let environmentPrefix = "PEEK_"
    /// What a multipart envelope (boundaries, part headers, other small fields) may add to an image.
    public static let multipartEnvelopeBytes = 64 * 1024
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let reader = EnvironmentReader(environment: environment, prefix: Self.environmentPrefix)
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
        maxQueuedPerClient = try reader.integer("QUEUE_PER_CLIENT", default: 200, range: 1...10_000_000)
        maxQueued = try reader.integer("QUEUE_MAX", default: 5_000, range: 1...10_000_000)
        queueWaitDegradedSeconds = try Double(reader.integer("QUEUE_WAIT_DEGRADED_SECONDS", default: 300, range: 1...86_400))
        jobTimeoutSeconds = try reader.seconds("JOB_TIMEOUT_SECONDS", default: 60, range: 0.05...3_600)
        jobMemoryBytes = try reader.integer("JOB_MEMORY_MB", default: 1024, range: 128...65_536) * 1024 * 1024
        busyTimeoutSeconds = try Double(reader.integer("BUSY_TIMEOUT_MS", default: 5_000, range: 10...600_000)) / 1000
        stopGraceSeconds = try Double(reader.integer("STOP_GRACE_SECONDS", default: 20, range: 0...3_600))
        heartbeatStaleSeconds = try Double(reader.integer("HEARTBEAT_STALE_SECONDS", default: 30, range: 1...86_400))
        logLevel = try reader.choice("LOG_LEVEL", default: "info", among: Self.logLevels)
        let key = reader.string("TRANSFORM_KEY", default: "")
        transformKey = key.isEmpty ? nil : key
        transformMaxSide = try reader.integer("TRANSFORM_MAX_SIDE", default: 4096, range: 16...16_384)
        transformMaxPixels = try reader.integer("TRANSFORM_MAX_PIXELS", default: 16_000_000, range: 256...100_000_000)
        transformTimeoutSeconds = try reader.seconds("TRANSFORM_TIMEOUT_SECONDS", default: 20, range: 1...600)
        transformMemoryBytes = try reader.integer("TRANSFORM_MEMORY_MB", default: 1024, range: 256...65_536) * 1024 * 1024
        registrationOpen = try reader.choice("REGISTRATION", default: "closed", among: ["open", "closed"]) == "open"
        anonymousUploads = try reader.choice("ANONYMOUS_UPLOADS", default: "on", among: ["on", "off"]) == "on"
        sessionSeconds = try Double(reader.integer("SESSION_DAYS", default: 30, range: 1...3_650)) * 86_400
        let retentionDays = try reader.integer("RETENTION_DAYS", default: 0, range: 0...36_500)
        retentionSeconds = retentionDays == 0 ? nil : Double(retentionDays) * 86_400
        loginFailuresPerAccount = try reader.integer("LOGIN_FAILURES_PER_ACCOUNT", default: 5, range: 1...100_000)
        loginFailuresPerAddress = try reader.integer("LOGIN_FAILURES_PER_ADDRESS", default: 20, range: 1...100_000)
        unlockFailuresPerShare = try reader.integer("UNLOCK_FAILURES_PER_SHARE", default: 5, range: 1...100_000)
        secureCookies = try reader.choice("SECURE_COOKIES", default: "auto", among: ["auto", "on"]) == "on"
        databaseURL = try reader.databaseURL("DATABASE_URL")
        s3 = try reader.choice("BLOB_STORE", default: "local", among: ["local", "s3"]) == "s3" ? try reader.s3() : nil
        modelRunSeconds = try reader.seconds("MODEL_TIME_LIMIT_SECONDS", default: 60, range: 0.5...3_600)
        modelMemoryBytes = try reader.integer("MODEL_MEMORY_MB", default: 2048, range: 256...65_536) * 1024 * 1024
        modelProcesses = try reader.integer("MODEL_PROCESSES", default: 64, range: 4...4_096)
        modelOutputBytes = try reader.integer("MODEL_OUTPUT_MB", default: 256, range: 1...65_536) * 1024 * 1024
        modelOutputFiles = try reader.integer("MODEL_OUTPUT_FILES", default: 100, range: 1...10_000)
        modelBuildSeconds = try reader.seconds("MODEL_BUILD_TIMEOUT_SECONDS", default: 600, range: 5...7_200)
        modelSandboxUIDBase = try reader.integer("MODEL_SANDBOX_UID_BASE", default: 200_000, range: 1_000...2_000_000_000)
    }

    public var wakeupFIFO: URL { runDirectory.appendingPathComponent("worker.wake") }
    /// Where model uploads wake the workers' model lanes (a pipe of their own: one wake-up is read by one process).
    public var modelWakeupFIFO: URL { runDirectory.appendingPathComponent("models.wake") }

    /// The one wording of the size limit, for the handler's 413 and nginx's.
    public var uploadTooLargeMessage: String { Self.uploadTooLargeMessage(limitBytes: maxUploadBytes) }

    public static func uploadTooLargeMessage(limitBytes: Int) -> String {
        "the upload is larger than the \(limitBytes.formattedAsBinaryUnit) limit"
    }
}

/// Reads typed values for one prefix and names the variable in every error.
private struct EnvironmentReader {
    let environment: [String: String]
    let prefix: String

    func string(_ name: String, default value: String) -> String {
        guard let raw = environment[prefix + name], !raw.isEmpty else { return value }
        return raw
    }

    func choice(_ name: String, default value: String, among choices: [String]) throws -> String {
        let raw = string(name, default: value)
        guard choices.contains(raw) else {
            throw ConfigurationError(message: "\(prefix)\(name)=\(raw) is not one of \(choices.joined(separator: ", "))")
        }
        return raw
    }

    /// Empty or unset: nil. Otherwise a PostgreSQL URL; its password never appears in the error.
    func databaseURL(_ name: String) throws -> String? {
        let raw = string(name, default: "")
        guard !raw.isEmpty else { return nil }
        guard raw.hasPrefix("postgresql://") || raw.hasPrefix("postgres://") else {
            let scheme = raw.split(separator: ":", maxSplits: 1).first.map(String.init) ?? raw
            throw ConfigurationError(message: "\(prefix)\(name) must be a postgresql:// URL (it starts with \(scheme.prefix(20)))")
        }
        return raw
    }

    /// The `S3_*` settings, each required but the region (`us-east-1`) and the public URL.
    func s3() throws -> S3Settings {
        func required(_ name: String) throws -> String {
            let value = string(name, default: "")
            guard !value.isEmpty else {
                throw ConfigurationError(message: "\(prefix)BLOB_STORE=s3 needs \(prefix)\(name)")
            }
            return value
        }
        let endpoint = try S3Settings.url(try required("S3_ENDPOINT"), named: prefix + "S3_ENDPOINT", allowingPath: false)
        let bucket = try required("S3_BUCKET")
        try S3Settings.checkBucket(bucket, named: prefix + "S3_BUCKET")
        let region = string("S3_REGION", default: "us-east-1")
        guard region.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }) else {
            throw ConfigurationError(message: "\(prefix)S3_REGION=\(region.prefix(40)) is not a region name (such as us-east-1 or auto)")
        }
        let publicText = string("S3_PUBLIC_URL", default: "")
        let publicURL = publicText.isEmpty ? nil
            : try S3Settings.url(publicText, named: prefix + "S3_PUBLIC_URL", allowingPath: true)
        // Neither key is ever part of a message: only whether it is missing.
        return S3Settings(endpoint: endpoint, bucket: bucket, region: region,
                          accessKeyID: try required("S3_ACCESS_KEY_ID"),
                          secretAccessKey: try required("S3_SECRET_ACCESS_KEY"), publicURL: publicURL)
    }

    func seconds(_ name: String, default value: Double, range: ClosedRange<Double>) throws -> Double {
        try number(name, default: value, range: range, kind: "a number of seconds")
    }

    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        try number(name, default: value, range: range, kind: "an integer")
    }

    private func number<Value: LosslessStringConvertible & Comparable>(
        _ name: String, default value: Value, range: ClosedRange<Value>, kind: String
    ) throws -> Value {
        guard let raw = environment[prefix + name], !raw.isEmpty else { return value }
        guard let parsed = Value(raw), range.contains(parsed) else {
            throw ConfigurationError(message: "\(prefix)\(name)=\(raw) is not \(kind) in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }
}

extension Int {
    /// 16777216 as "16 MiB", 1572864 as "1.5 MiB": the largest unit the number reaches.
    var formattedAsBinaryUnit: String {
        let units = ["bytes", "KiB", "MiB", "GiB"]
        var value = Double(self)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = (value * 10).rounded() / 10
        let text = tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
        return "\(text) \(units[unit])"
    }
}
