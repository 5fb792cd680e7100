import Foundation

/// Worker wake-ups through LISTEN/NOTIFY: an enqueue NOTIFYs `peek_jobs` in its transaction, and
/// an idle worker sleeps in poll(2) on its listening connection's socket until the notification
/// arrives, so a worker on any host picks up new work at once. The listener also watches this
/// machine's FIFO, which the worker's stop signal pokes.
struct PostgreSQLWakeupChannel: WakeupChannel {
    let settings: PostgreSQLSettings
    let local: WakeupSignal

    func listener() throws(StoreError) -> any WakeupListener {
        PostgreSQLNotificationListener(settings: settings, local: try local.listen())
    }
}

/// The worker's end: a connection of its own (never pooled: it waits) that LISTENs. Lost with a
/// server restart, it is opened again on the next wait; meanwhile waits sleep on the FIFO alone.
final class PostgreSQLNotificationListener: WakeupListener {
    private let settings: PostgreSQLSettings
    private let local: WakeupSignal.Listener
    private var connection: PostgreSQLConnection?

    init(settings: PostgreSQLSettings, local: WakeupSignal.Listener) {
        self.settings = settings
        self.local = local
        connection = try? Self.listening(settings)
    }

    /// True when notified, poked through the FIFO, or when the connection was lost or opened
    /// again (notifications may have been missed: the caller looks at the queue either way).
    @discardableResult
    func wait(timeout: Double) -> Bool {
        guard let connection else {
            if let reopened = try? Self.listening(settings) {
                connection = reopened
                return true
            }
            return local.wait(timeout: timeout)
        }
        // Notifications that came in with the answer to an earlier statement are read already.
        if connection.drainNotifications() { return true }
        let deadline = ProcessInfo.processInfo.systemUptime + timeout
        while true {
            let remaining = deadline - ProcessInfo.processInfo.systemUptime
            var descriptors = [pollfd(fd: connection.socket, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: local.descriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, 2, Int32(max(0, remaining) * 1000))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return false }
            if descriptors[1].revents != 0 {
                local.wait(timeout: 0)
                return true
            }
            guard connection.consumeInput() else {
                self.connection = nil
                return true
            }
            if connection.drainNotifications() { return true }
            // Something else (a notice); sleep on for the rest of the timeout.
            if ProcessInfo.processInfo.systemUptime >= deadline { return false }
        }
    }

    private static func listening(_ settings: PostgreSQLSettings) throws -> PostgreSQLConnection {
        let connection = try PostgreSQLConnection(settings: settings)
        try connection.run("LISTEN \(PostgreSQLJobQueue.channel)")
        return connection
    }
}
