import Foundation

/// A hard time limit on one request of a transform process: past it, SIGALRM ends the process,
/// nginx answers the client a JSON 502/503, and multiwatch starts a fresh process in its place —
/// nothing half-done survives, and the pool keeps serving.
enum TimeLimit {
    static func run<T>(seconds: Double, _ body: () throws -> T) rethrows -> T {
        var timer = itimerval(it_interval: timeval(), it_value: timeval(tv_sec: Int(seconds),
                                                                           tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000)))
        signal(SIGALRM, SIG_DFL)
        setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
        defer {
            var off = itimerval()
            setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &off, nil)
        }
        return try body()
    }
}
