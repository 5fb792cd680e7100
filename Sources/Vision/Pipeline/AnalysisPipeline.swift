import Dispatch
import Foundation

/// The analyzers in order, split into lanes that run at the same time (each on a thread of its
/// own, so that more lanes than cores still all run: the dispatch pool would hold one back until
/// another ended); the deadline is checked before each analyzer.
struct AnalysisPipeline: Sendable {
    let lanes: [[any Analyzer]]

    func run(_ context: AnalysisContext) throws -> AnalysisReport {
        let results = LaneResults(count: lanes.count)
        let ended = DispatchSemaphore(value: 0)
        for index in lanes.indices.dropFirst() {
            let thread = Thread { [self] in
                results.store(Result { try run(lanes[index], context) }, at: index)
                ended.signal()
            }
            thread.name = "analysis lane \(index)"
            thread.start()
        }
        results.store(Result { try run(lanes[0], context) }, at: 0)
        for _ in lanes.indices.dropFirst() { ended.wait() }
        var report = AnalysisReport()
        for result in results.all {
            report.merge(try result.get())
        }
        return report
    }

    private func run(_ lane: [any Analyzer], _ context: AnalysisContext) throws -> AnalysisReport {
        var report = AnalysisReport()
        for analyzer in lane {
            try context.checkDeadline(before: analyzer.name)
            try analyzer.analyze(context, into: &report)
        }
        return report
    }
}

/// One slot per lane, written from the lanes' threads.
private final class LaneResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<AnalysisReport, any Error>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ result: Result<AnalysisReport, any Error>, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
    }

    var all: [Result<AnalysisReport, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failure(VisionError.internalFailure(detail: "a lane did not finish")) }
    }
}
