import Foundation

/// The address-space limit of this process (`RLIMIT_AS`): an allocation past it fails (and the
/// request or job with it) instead of taking the machine's memory. Only for processes that run
/// untrusted decoding: set it at start-up, once.
public enum AddressSpaceLimit {
    public static func apply(bytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }
}
