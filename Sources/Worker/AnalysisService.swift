import Foundation
import PeekCore
import Vision

/// The isolated analysis process: loads the cascade and the OCR model once, then analyses one
/// image per request from the worker. Whatever a decoder does here (crash, hang, runaway memory)
/// ends this process only; the worker sees it and fails or retries that one job.
public enum AnalysisService {
    public static func run(configuration: PeekConfiguration) -> Never {
        limitAddressSpace(configuration.jobMemoryBytes)
        // The protocol owns the real stdout; libraries that print go to stderr (the worker's log).
        let protocolOutput = dup(1)
        dup2(2, 1)
        let channel = LineChannel(input: 0, output: protocolOutput)
        let analyzer: ImageAnalyzer
        do {
            analyzer = try ImageAnalyzer(configuration: VisionConfiguration(maxPixels: configuration.maxPixels))
        } catch {
            FileHandle.standardError.write(Data("analysis process cannot start: \(error)\n".utf8))
            exit(70)
        }
        while let line = channel.receiveBlocking() {
            let reply: AnalysisReply
            if let request = try? JSONDecoder().decode(AnalysisRequest.self, from: line) {
                reply = analyze(request, with: analyzer)
            } else {
                reply = AnalysisReply(insights: nil, error: "internal error", detail: "unreadable request")
            }
            guard channel.send(JSON.encode(reply)) else { exit(0) }
        }
        exit(0)
    }

    private static func analyze(_ request: AnalysisRequest, with analyzer: ImageAnalyzer) -> AnalysisReply {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: request.imagePath))
            let analysis = try analyzer.analyze(data, deadline: .now + .milliseconds(Int(request.timeLimitSeconds * 1000)))
            try analysis.annotatedJPEG.write(to: URL(fileURLWithPath: request.annotatedPath))
            return AnalysisReply(insights: analysis.insights, error: nil, detail: nil)
        } catch let error as VisionError {
            return AnalysisReply(insights: nil, error: error.publicMessage, detail: error.detail)
        } catch {
            return AnalysisReply(insights: nil, error: "image analysis failed", detail: "\(error)")
        }
    }

    /// A backstop beside the worker's resident-memory watchdog: an allocation past this fails
    /// instead of taking the machine's memory. Address space runs well above resident memory
    /// (thread stacks, allocator arenas, mapped libraries), hence the headroom.
    private static func limitAddressSpace(_ residentLimit: Int) {
        let bytes = rlim_t(residentLimit) * 3 + (512 << 20)
        var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }
}
