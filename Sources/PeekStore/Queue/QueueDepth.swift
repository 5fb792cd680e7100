/// How much work waits, for `/api/health`.
public struct QueueDepth: Codable, Equatable, Sendable {
    public var queued: Int
    public var running: Int
    /// Seconds the oldest queued job has waited; nil when nothing is queued.
    public var oldestQueuedAgeSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case queued, running
        case oldestQueuedAgeSeconds = "oldest_queued_age_seconds"
    }
}
