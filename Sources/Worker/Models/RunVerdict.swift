import Foundation
import Sandbox

/// What a sandboxed run of `predict.run` came to, in the words the job's owner reads: the
/// runner's own report when it made one, else the reason the worker stopped the sandbox or how
/// the sandbox ended.
enum RunVerdict: Equatable {
    case succeeded(resultJSON: String)
    case failed(String)
    /// The worker is stopping: the job goes back to the queue.
    case interrupted

    /// Also the moment `run` was entered (Unix time), when the runner said so.
    static func of(_ outcome: SandboxOutcome, limits: SandboxLimits) -> (verdict: RunVerdict, enteredAt: Double?) {
        var enteredAt: Double?
        var report: [String: Any]?
        for line in outcome.channel {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            if object["event"] as? String == "entered" { enteredAt = object["at"] as? Double }
            if ["result", "failed"].contains(object["event"] as? String) { report = object }
        }
        if let stop = outcome.stop { return (verdict(of: stop, limits: limits), enteredAt) }
        if let report {
            if report["event"] as? String == "result", outcome.status == 0,
               let result = report["result"], JSONSerialization.isValidJSONObject(result),
               let data = try? JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .withoutEscapingSlashes]) {
                return (.succeeded(resultJSON: String(decoding: data, as: UTF8.self)), enteredAt)
            }
            return (.failed(message(ofKind: report["kind"] as? String, error: report["error"] as? String, limits: limits)), enteredAt)
        }
        return (.failed(ending(outcome, limits: limits)), enteredAt)
    }

    private static func verdict(of stop: SandboxOutcome.Stop, limits: SandboxLimits) -> RunVerdict {
        switch stop {
        case .timedOut(let seconds): .failed("timed out: run took longer than \(seconds.formatted()) s (the limit)")
        case .outputTooLarge(let bytes): .failed("output over \(bytes >> 20) MB: the output folder grew past the limit")
        case .tooManyOutputFiles(let files): .failed("more than \(files) output files (the limit)")
        case .workerStopping: .interrupted
        }
    }

    private static func message(ofKind kind: String?, error: String?, limits: SandboxLimits) -> String {
        switch kind {
        case "memory": "out of memory: run needed more than \(limits.memoryBytes >> 20) MB (the limit)"
        case "processes": "too many processes: run tried to start more than \(limits.processes) (the limit)"
        case "output": "output over \(limits.outputBytes >> 20) MB: run wrote a file past the limit"
        default: error ?? "run failed"
        }
    }

    /// The sandbox ended without the runner's report: killed, crashed, or it never started.
    private static func ending(_ outcome: SandboxOutcome, limits: SandboxLimits) -> String {
        switch outcome.status {
        case -SIGXCPU: return "timed out: run used more than \(Int(limits.seconds.rounded(.up)) + 1) s of CPU time (the limit)"
        case -SIGKILL: return "the run was killed (signal 9): out of memory?"
        case -SIGXFSZ: return "output over \(limits.outputBytes >> 20) MB: run wrote a file past the limit"
        case ..<0: return "the run crashed (signal \(-outcome.status))"
        default:
            let last = outcome.log.split(separator: "\n").last.map { ": \($0.prefix(300))" } ?? ""
            return "the run ended (status \(outcome.status)) before run returned\(last)"
        }
    }
}
