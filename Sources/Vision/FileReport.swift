import Foundation

/// One line of command-line output: a local file's insights, or why it has none, and the analysis time.
public struct FileReport: Encodable, Sendable {
    public let file: String
    /// Decoding and analysis, without reading the file.
    public let processingMilliseconds: Double
    public let insights: Insights?
    public let error: String?

    public init(analyzing path: String, with analyzer: ImageAnalyzer, timeLimit: Duration = .seconds(60)) {
        file = path
        let started = ContinuousClock.now
        var outcome: Result<Analysis, any Error>
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let start = ContinuousClock.now
            outcome = Result { try analyzer.analyze(data, deadline: start + timeLimit) }
            processingMilliseconds = Self.milliseconds(ContinuousClock.now - start)
        } catch {
            outcome = .failure(error)
            processingMilliseconds = Self.milliseconds(ContinuousClock.now - started)
        }
        insights = try? outcome.get().insights
        if case .failure(let failure) = outcome { error = "\(failure)" } else { error = nil }
    }

    /// The report as one line of JSON.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"error":"unencodable report"}"#
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 100).rounded() / 100
    }

    enum CodingKeys: String, CodingKey {
        case file, insights, error
        case processingMilliseconds = "processing_ms"
    }
}
