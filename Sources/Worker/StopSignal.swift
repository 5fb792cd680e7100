import Dispatch
import Foundation
import PeekCore
import PeekStore

/// Turns SIGTERM and SIGINT into a flag the worker checks between and during jobs, and wakes
/// the worker if it is asleep waiting for work.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []

    /// Each of `wakeups` is poked on a stop, so that every lane asleep on one of them looks up.
    init(wakeups: [WakeupSignal]) {
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                self?.request()
                wakeups.forEach { $0.notify() }
            }
            source.resume()
            sources.append(source)
        }
    }

    var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    private func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }
}
