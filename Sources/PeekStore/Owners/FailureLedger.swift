/// Failed attempts (logins, share unlocks) by scope and key, for limits like "5 a minute".
public protocol FailureLedger: Sendable {
    /// The failures of `key` since `time`, and the oldest of them.
    func failures(scope: String, key: String, since time: Double) throws(StoreError) -> (count: Int, oldest: Double?)
    /// Records one failure; failures older than an hour are forgotten on the way.
    func recordFailure(scope: String, key: String, at time: Double) throws(StoreError)
}
