import Foundation
import ImageInspection
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `POST /api/analyze`: checks the upload before anything decodes it, stores the blob durably,
/// commits the image row and its job together, wakes a worker, then answers 202.
public struct AnalyzeHandler: Handler {
    let configuration: PeekConfiguration
    let logger: Logger
    let databases: DatabaseProvider
    let blobs: any BlobStore
    let wakeup: WakeupSignal

    public init(configuration: PeekConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.databases = DatabaseProvider(configuration: configuration)
        self.blobs = LocalBlobStore(directory: DataDirectory(configuration: configuration))
        self.wakeup = WakeupSignal(path: configuration.wakeupFIFO.path)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("POST")
        guard request.path == "/api/analyze" else { throw RequestError.noSuchRoute(path: request.path) }
        let boundary = try MultipartParser.boundary(fromContentType: request.contentType)
        if let length = request.contentLength, length > configuration.maxRequestBodyBytes {
            throw RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes)
        }
        let record = try UploadBody(request: request, configuration: configuration).withBytes { body in
            try store(body, boundary: boundary, client: request.clientAddress)
        }
        wakeup.notify()
        logger.info("upload accepted", metadata: [
            "request.id": "\(request.requestID)", "image.id": "\(record.id)", "image.format": "\(record.format)",
            "image.bytes": "\(record.byteSize)",
        ])
        return .json(.accepted, encoding: ["id": record.id, "status": "processing"],
                     headers: [("Location", "/api/results/\(record.id)")])
    }

    /// Validates the multipart body and the image in it, checks the queue has room for the client,
    /// stores the blob, commits row and job.
    private func store(_ body: UnsafeRawBufferPointer, boundary: String, client: String) throws -> ImageRecord {
        let parts = try MultipartParser(boundary: boundary).parse(body)
        guard let part = parts.first(where: { $0.name == "image" }) else { throw RequestError.missingField(name: "image") }
        let image = UnsafeRawBufferPointer(rebasing: body[part.body])
        guard !image.isEmpty else { throw RequestError.emptyFile }
        guard image.count <= configuration.maxUploadBytes else {
            throw RequestError.uploadTooLarge(limitBytes: configuration.maxUploadBytes)
        }
        let header = try ImageHeader.checkedUpload(image, maxPixels: configuration.maxPixels)
        let queue = try databases.get().jobQueue(QueuePolicy(configuration: configuration))
        try queue.admit(client: client)
        let record = ImageRecord(id: ImageID.generate(), blobSHA256: try blobs.store(image), header: header,
                                 byteSize: image.count, originalFilename: part.filename.map(Self.displayName),
                                 createdAt: Date().timeIntervalSince1970)
        try queue.enqueue(record, client: client)
        return record
    }

    /// Keeps only the last path component of a client-supplied name, bounded in length.
    private static func displayName(_ filename: String) -> String {
        let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return String(base.prefix(255))
    }
}
