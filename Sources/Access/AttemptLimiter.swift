import Foundation
import PeekHTTP
import PeekStore

/// "At most N failures a minute" for one kind of attempt (logins by account, by address; unlocks
/// by share), counted in the database so every process of the pool sees the same count.
public struct AttemptLimiter {
    public static let window: Double = 60

    let ledger: any FailureLedger
    let scope: String
    let limit: Int
    let now: () -> Double

    public init(ledger: any FailureLedger, scope: String, limit: Int,
                now: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.ledger = ledger
        self.scope = scope
        self.limit = limit
        self.now = now
    }

    /// Throws 429 with the seconds until the oldest counted failure leaves the window.
    public func check(_ key: String) throws {
        let time = now()
        let (count, oldest) = try ledger.failures(scope: scope, key: key, since: time - Self.window)
        guard count >= limit else { return }
        let wait = Int(((oldest ?? time) + Self.window - time).rounded(.up))
        throw RequestError.tooManyAttempts(retryAfterSeconds: max(1, wait))
    }

    public func recordFailure(_ key: String) throws {
        try ledger.recordFailure(scope: scope, key: key, at: now())
    }
}
