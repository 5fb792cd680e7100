import Foundation
import ImageInspection
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
        guard request.path.hasPrefix(Self.prefix) else { throw RequestError.noSuchRoute(path: request.path) }
        let steps = try engine.steps(String(request.path.dropFirst(Self.prefix.count)))
        let boundary = try MultipartParser.boundary(fromContentType: request.contentType)
        if let length = request.contentLength, length > configuration.maxRequestBodyBytes {
            throw RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes)
        }
        let image = try UploadBody(request: request, configuration: configuration).withBytes { body in
            try Self.image(in: body, boundary: boundary, configuration: configuration)
        }
        let output = try engine.transform(.bytes(image), steps: steps, knownFaces: nil)
        logger.info("transform sent", metadata: ["request.id": "\(request.requestID)", "recipe": "\(steps.canonical)",
                                                 "bytes": "\(output.data.count)"])
        return Response(status: .ok, headers: [
            ("Content-Type", output.contentType),
            ("Cache-Control", "no-store"),
            ("Content-Disposition", "inline; filename=\"transformed.\(output.format.fileExtension)\""),
        ], body: output.data)
    }

    /// The `image` field's bytes, checked as `/api/analyze` checks an upload.
    private static func image(in body: UnsafeRawBufferPointer, boundary: String,
                              configuration: PeekConfiguration) throws -> Data {
        let parts = try MultipartParser(boundary: boundary).parse(body)
        guard let part = parts.first(where: { $0.name == "image" }) else { throw RequestError.missingField(name: "image") }
        let image = UnsafeRawBufferPointer(rebasing: body[part.body])
        guard !image.isEmpty else { throw RequestError.emptyFile }
        guard image.count <= configuration.maxUploadBytes else {
            throw RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes)
        }
        _ = try ImageHeader.checkedUpload(image, maxPixels: configuration.maxPixels)
        return Data(image)
    }
}
