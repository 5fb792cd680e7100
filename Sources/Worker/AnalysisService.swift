import Foundation
import Imaging
import PeekCore
import Vision

/// The isolated analysis process: loads the cascade and the OCR model once, then analyses one
/// image per request from the worker and makes its presets (thumbnail, web). Whatever a decoder does here (crash, hang, runaway memory)
/// ends this process only; the worker sees it and fails or retries that one job.
public enum AnalysisService {
    public static func run(configuration: PeekConfiguration) -> Never {
        // A backstop beside the worker's resident-memory watchdog. Address space runs well above
        // resident memory (thread stacks, allocator arenas, mapped libraries), hence the headroom.
        AddressSpaceLimit.apply(bytes: configuration.jobMemoryBytes * 3 + (512 << 20))
        // The protocol owns the real stdout; libraries that print go to stderr (the worker's log).
        let protocolOutput = dup(1)
        dup2(2, 1)
        let channel = LineChannel(input: 0, output: protocolOutput)
        let analyzer: ImageAnalyzer
        do {
            analyzer = try ImageAnalyzer(configuration: VisionConfiguration(maxPixels: configuration.maxPixels))
            try ImagingRuntime.configure(threads: 1)
        } catch {
            FileHandle.standardError.write(Data("analysis process cannot start: \(error)\n".utf8))
            exit(70)
        }
        while let line = channel.receiveBlocking() {
            let reply: AnalysisReply
            if let request = try? JSONDecoder().decode(AnalysisRequest.self, from: line) {
                reply = analyze(request, with: analyzer)
            } else {
                reply = AnalysisReply(insights: nil, renditions: nil, error: "internal error", detail: "unreadable request")
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
            return AnalysisReply(insights: analysis.insights, renditions: renditions(of: request),
                                 error: nil, detail: nil)
        } catch let error as VisionError {
            return AnalysisReply(insights: nil, renditions: nil, error: error.publicMessage, detail: error.detail)
        } catch {
            return AnalysisReply(insights: nil, renditions: nil, error: "image analysis failed", detail: "\(error)")
        }
    }

    /// Each preset from the stored original, shrunk while decoding. A preset libvips cannot make
    /// does not fail an analysis that succeeded: the image is served without it.
    private static func renditions(of request: AnalysisRequest) -> [RenditionFile] {
        let transformer = Transformer()
        return RenditionPreset.allCases.compactMap { preset in
            let path = URL(fileURLWithPath: request.renditionDirectory).appendingPathComponent("\(preset.rawValue).webp").path
            do {
                let image = try transformer.render(preset, from: .file(request.imagePath))
                try image.data.write(to: URL(fileURLWithPath: path))
                return RenditionFile(preset: preset.rawValue, path: path, contentType: image.contentType,
                                     width: image.width, height: image.height)
            } catch {
                FileHandle.standardError.write(Data("\(preset.rawValue) not made: \(error)\n".utf8))
                return nil
            }
        }
    }
}
