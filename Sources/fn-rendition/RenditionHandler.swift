import Access
import Foundation
import Imaging
import Logging
import PeekCore
import PeekHTTP
import PeekStore
import TransformService

/// `GET /api/image/ID/t/[SIGNATURE/]OPTIONS`: the image after OPTIONS. Made on first request,
/// stored by content (source blob + canonical steps, so equivalent spellings share it), and
/// served by nginx from then on; the process is bounded in time and memory.
public struct RenditionHandler: Handler {
    let configuration: PeekConfiguration
    let logger: Logger
    let databases: DatabaseProvider
    let blobs: any BlobStore
    let engine: TransformEngine
    let signature: TransformSignature?

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        databases = DatabaseProvider(configuration: configuration)
        blobs = BlobStores.configured(configuration)
        engine = TransformEngine(configuration: configuration)
        signature = configuration.transformKey.map { TransformSignature(key: $0) }
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("GET")
        let path = try TransformPath(request.path, signed: signature != nil)
        if let signature, !signature.verify(path.signature ?? "", id: path.id, options: path.options) {
            throw RequestError.badSignature
        }
        let steps = try engine.steps(path.options)
        let database = try databases.get()
        guard let image = try database.images.image(path.id) else { throw RequestError.unknownImage(id: path.id) }
        try ImageAccess.check(image, for: request, accounts: database.accounts)
        // What could not be analysed (mostly: not decoded) has no transforms, as it has no presets.
        guard image.status != .failed else {
            throw RequestError.undecodableImage("the image could not be analysed (\(image.error ?? "failed")); it has no transforms")
        }
        let recipe = steps.canonical
        if let made = try database.renditions.rendition(source: image.blobSHA256, recipe: recipe) {
            return try serve(made, of: image)
        }
        // A bucket's blob is downloaded for the decoder and removed once the transform is made.
        guard let source = try blobs.localFile(for: image.blobSHA256) else {
            throw StoreError.storage(SystemError(operation: "open", path: "blob \(image.blobSHA256)", code: ENOENT))
        }
        let output = try engine.transform(.file(source.path), steps: steps, knownFaces: FaceBoxes.of(image))
        let rendition = Rendition(sourceSHA256: image.blobSHA256, recipe: recipe, blobSHA256: try blobs.store(output.data),
                                  contentType: output.contentType, width: output.width, height: output.height,
                                  byteSize: output.data.count, createdAt: Date().timeIntervalSince1970)
        try database.renditions.record(rendition) { () throws(StoreError) in _ = try blobs.store(output.data) }
        logger.info("transform made", metadata: ["image.id": "\(image.id)", "recipe": "\(recipe)",
                                                 "bytes": "\(output.data.count)"])
        return try serve(rendition, of: image)
    }

    private func serve(_ rendition: Rendition, of image: ImageRecord) throws -> Response {
        let format = OutputFormat.allCases.first { $0.contentType == rendition.contentType }
        return try .blob(rendition.blobSHA256, in: blobs, contentType: rendition.contentType,
                     filename: "\(image.id)-t.\(format?.fileExtension ?? "bin")", privacy: image.albumID == nil ? .public : .private)
    }
}
