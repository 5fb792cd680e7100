import PeekCore

/// How the job queue treats work: the lease a claim holds, the attempts a job gets, and how much
/// may wait, per client and in all, so that one client's backlog cannot grow without bound.
public struct QueuePolicy: Sendable {
    public var leaseSeconds: Double
    public var maxAttempts: Int
    public var maxQueuedPerClient: Int
    public var maxQueued: Int

    public init(leaseSeconds: Double, maxAttempts: Int, maxQueuedPerClient: Int = .max, maxQueued: Int = .max) {
        self.leaseSeconds = leaseSeconds
        self.maxAttempts = maxAttempts
        self.maxQueuedPerClient = maxQueuedPerClient
        self.maxQueued = maxQueued
    }

    public init(configuration: PeekConfiguration) {
        self.init(leaseSeconds: configuration.leaseSeconds, maxAttempts: configuration.maxAttempts,
                  maxQueuedPerClient: configuration.maxQueuedPerClient, maxQueued: configuration.maxQueued)
    }
}
