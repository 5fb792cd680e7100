import Foundation
import Imaging
import Logging
import PeekCore
import PeekHTTP
import TransformService

/// `POST /api/transform/OPTIONS`: the image-transform service. The multipart `image` is checked
/// as an upload is, transformed by OPTIONS and sent back in the answer; nothing is stored.
public struct TransformHandler: Handler {
    static let prefix = "/api/transform/"

    let configuration: PeekConfiguration
    let logger: Logger
    let engine: TransformEngine

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        engine = TransformEngine(configuration: configuration)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("POST")
        guard let options = ImagePath.remainder(of: request.path, after: Self.prefix) else {
            throw RequestError.noSuchRoute(path: request.path)
        }
        let steps = try engine.steps(options)
        let image = try ImageField.reading(request, configuration: configuration) { Data($0.bytes) }
        let output = try engine.transform(.bytes(image), steps: steps, knownFaces: nil)
        logger.info("transform sent", metadata: ["request.id": "\(request.requestID)", "recipe": "\(steps.canonical)",
                                                 "bytes": "\(output.data.count)"])
        return Response(status: .ok, headers: [
            ("Content-Type", output.contentType),
            ("Cache-Control", "no-store"),
            ("Content-Disposition", "inline; filename=\"transformed.\(output.format.fileExtension)\""),
        ], body: output.data)
    }
}
