import Foundation
import Synchronization

/// SIGTERM, SIGINT and SIGUSR1 (multiwatch's and libfcgi's stop signals) end the process at once
/// when it is idle, or right after the request in hand: a stop never cuts a response short, and
/// never goes through the runtime's crash reporter, which would take seconds. The signal handler
/// touches only these two lock-free atomics, which is what a handler may safely do.
enum GracefulStop {
    private static let busy = Atomic<Bool>(false)
    private static let requested = Atomic<Bool>(false)

    static func install() {
        for signalNumber in [SIGTERM, SIGINT, SIGUSR1] {
            signal(signalNumber) { _ in
                GracefulStop.requested.store(true, ordering: .sequentiallyConsistent)
                if !GracefulStop.busy.load(ordering: .sequentiallyConsistent) { _exit(0) }
            }
        }
    }

    /// Runs one request; exits afterwards when a stop arrived meanwhile.
    static func serving(_ body: () -> Void) {
        busy.store(true, ordering: .sequentiallyConsistent)
        body()
        busy.store(false, ordering: .sequentiallyConsistent)
        if requested.load(ordering: .sequentiallyConsistent) { exit(0) }
    }
}
