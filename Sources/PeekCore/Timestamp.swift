import Foundation

/// Times as the API writes them: ISO 8601 in UTC to the second, e.g. 2026-11-21T05:29:10Z.
public enum Timestamp {
    /// Assembled by hand because String(format:) was a tenth of the cost of a poll.
    public static func string(_ seconds: Double) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// Seconds since 1970 of an ISO 8601 date-time with a zone (`Z` or `+02:00`, fractions allowed).
    public static func seconds(_ text: String) -> Double? {
        let withFractions = ISO8601DateFormatter()
        withFractions.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        return (plain.date(from: text) ?? withFractions.date(from: text))?.timeIntervalSince1970
    }
}
