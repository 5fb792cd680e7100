import Foundation
import Imaging
import PeekCore
import Vision

/// The isolated analysis process: loads the cascade and the OCR model once, then analyses one
/// image per request from the worker and makes its presets (thumbnail, web) beside the analyzers.
/// Whatever a decoder does here (crash, hang, runaway memory) ends this process only; the worker
/// sees it and fails or retries that one job.
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
        let clock = StageClock()
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: request.imagePath))
            // The presets are made beside the analyzers once the bytes decoded (so a file the
            // decoder refuses never reaches libvips), from the decoded pixels when the file's own
            // decoding would give the same ones.
            let shared = (try? SourceInfo.read(.file(request.imagePath)))
                .map { Transformer.decodesAsAnalysed(file: request.imagePath, info: $0) } ?? false
            let made = Handed<[RenditionFile]>()
            clock.mark("read")
            let analysis = try analyzer.analyze(data, deadline: .now + .milliseconds(Int(request.timeLimitSeconds * 1000))) {
                image in
                let started = ContinuousClock.now
                if !shared { image.release() }
                made.set(renditions(of: request, from: shared ? image : nil))
                clock.record("renditions", since: started)
            }
            clock.mark("analysis")
            try analysis.annotatedJPEG.write(to: URL(fileURLWithPath: request.annotatedPath))
            let files = made.value ?? renditions(of: request, from: nil)
            clock.mark("outputs_written")
            return AnalysisReply(insights: analysis.insights, renditions: files, error: nil, detail: nil,
                                 stages: clock.stages)
        } catch let error as VisionError {
            return AnalysisReply(insights: nil, renditions: nil, error: error.publicMessage, detail: error.detail)
        } catch {
            return AnalysisReply(insights: nil, renditions: nil, error: "image analysis failed", detail: "\(error)")
        }
    }

    /// Each preset, from the analysis's pixels when given (the decoded rows are let go of as soon
    /// as the largest preset's pixels are in memory, so that the annotated copy can be drawn),
    /// else from the stored original (shrunk while decoding); the encoders each on a thread of
    /// their own (the web copy of a large photo is the longest encode of a job). A preset libvips
    /// cannot make does not fail an analysis that succeeded: the image is served without it.
    private static func renditions(of request: AnalysisRequest, from image: DecodedImage?) -> [RenditionFile] {
        let pixels: RenditionPixels?
        do {
            pixels = try image.map { image in
                try image.withBGR { bgr, rowBytes in
                    try RenditionPixels(bgr: bgr, rowBytes: rowBytes, width: image.width, height: image.height)
                }
            }
        } catch {
            FileHandle.standardError.write(Data("renditions made from the file: \(error)\n".utf8))
            pixels = nil
        }
        image?.release()
        let presets = RenditionPreset.allCases
        let made = Made(count: presets.count)
        let threads = presets.enumerated().map { index, preset in
            Thread { made.set(rendition(preset, of: request, from: pixels), at: index) }
        }
        threads.forEach { $0.start() }
        return made.wait()
    }

    private static func rendition(_ preset: RenditionPreset, of request: AnalysisRequest,
                                  from pixels: RenditionPixels?) -> RenditionFile? {
        let path = URL(fileURLWithPath: request.renditionDirectory).appendingPathComponent("\(preset.rawValue).webp").path
        do {
            let transformer = Transformer()
            let rendered = if let pixels {
                try transformer.render(preset, from: pixels)
            } else {
                try transformer.render(preset, from: .file(request.imagePath))
            }
            try rendered.data.write(to: URL(fileURLWithPath: path))
            return RenditionFile(preset: preset.rawValue, path: path, contentType: rendered.contentType,
                                 width: rendered.width, height: rendered.height)
        } catch {
            FileHandle.standardError.write(Data("\(preset.rawValue) not made: \(error)\n".utf8))
            return nil
        }
    }
}

/// The presets made on their threads, in preset order once all have ended.
private final class Made: @unchecked Sendable {
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var slots: [RenditionFile?]
    private var ended = 0

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ file: RenditionFile?, at index: Int) {
        lock.lock()
        slots[index] = file
        ended += 1
        let last = ended == slots.count
        lock.unlock()
        if last { finished.signal() }
    }

    func wait() -> [RenditionFile] {
        finished.wait()
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// What the side work handed back to the analysis's thread.
private final class Handed<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    func set(_ value: Value) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    var value: Value? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
