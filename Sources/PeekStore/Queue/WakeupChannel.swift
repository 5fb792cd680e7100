/// Where an idle worker waits for new jobs: the FIFO of `WakeupSignal` when the database is
/// SQLite on this machine, LISTEN/NOTIFY when it is PostgreSQL and workers may run elsewhere.
/// Losing a wake-up is harmless either way: workers also look at the queue on a timer.
public protocol WakeupChannel: Sendable {
    /// Opens the worker's end.
    func listener() throws(StoreError) -> any WakeupListener
}

/// The worker's end of a wake-up channel.
public protocol WakeupListener: AnyObject {
    /// Sleeps until a wake-up arrives or `timeout` passes; true when woken.
    @discardableResult
    func wait(timeout: Double) -> Bool
}

extension WakeupSignal: WakeupChannel {
    public func listener() throws(StoreError) -> any WakeupListener {
        try listen()
    }
}

extension WakeupSignal.Listener: WakeupListener {}
