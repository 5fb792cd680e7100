import Foundation
import Imaging
import PeekCore
import PeekHTTP
import Vision

/// A transform function's engine: the steps of a request, the faces they need, and the transform
/// itself under the process's time limit. One per handler process; libvips works one image at a
/// time here (a pool of processes is the parallelism).
public final class TransformEngine {
    let limits: TransformLimits
    private let transformer: Transformer
    private let timeLimit: Double
    private var detector: FaceDetector?
    private let maxPixels: Int

    public init(configuration: PeekConfiguration) {
        limits = TransformLimits(maxSide: configuration.transformMaxSide, maxPixels: configuration.transformMaxPixels,
                                 maxSourcePixels: configuration.maxPixels)
        transformer = Transformer(limits: limits)
        timeLimit = configuration.transformTimeoutSeconds
        maxPixels = configuration.maxPixels
        try? ImagingRuntime.configure(threads: 1)
    }

    /// The steps of OPTIONS, or the request error naming the bad one.
    public func steps(_ options: String) throws(RequestError) -> TransformSteps {
        do {
            return try TransformSteps(parsing: options, limits: limits)
        } catch {
            throw RequestError(error)
        }
    }

    /// Applies `steps` to `source`. `knownFaces` are the analysis's boxes when it has ended; without
    /// them, steps that need faces have them detected here, the way the analysis would.
    public func transform(_ source: TransformSource, steps: TransformSteps, knownFaces: [FaceBox]?) throws -> TransformedImage {
        do {
            let plan = try transformer.plan(steps, for: source)
            let faces = steps.needsFaces ? try knownFaces ?? detectFaces(in: source) : []
            return try TimeLimit.run(seconds: timeLimit) {
                try transformer.transform(source, plan: plan, faces: faces)
            }
        } catch TransformError.processingFailed where source.isUpload {
            // libvips decodes lazily: damaged data an upload's header hid fails only now.
            throw RequestError.undecodableImage("the image is damaged or cannot be decoded")
        } catch let error as TransformError {
            throw RequestError(error)
        }
    }

    private func detectFaces(in source: TransformSource) throws -> [FaceBox] {
        let data: Data
        switch source {
        case .bytes(let bytes): data = bytes
        case .file(let path): data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        if detector == nil { detector = try FaceDetector(configuration: VisionConfiguration(maxPixels: maxPixels)) }
        return try detector!.faces(in: data, deadline: .now + .seconds(timeLimit)).map {
            FaceBox(x: $0.x, y: $0.y, width: $0.width, height: $0.height)
        }
    }
}

extension TransformSource {
    /// Bytes that arrived with the request, as opposed to a stored image that was analysed.
    var isUpload: Bool {
        if case .bytes = self { true } else { false }
    }
}

extension TransformSteps {
    /// Whether a step places a cut by the faces or draws them.
    var needsFaces: Bool {
        steps.contains { step in
            switch step {
            case .annotate, .crop(_, _, .face), .resize(.fill(.face), _, _): true
            default: false
            }
        }
    }
}
