import Foundation
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
        let record = try ImageField.reading(request, configuration: configuration) { image in
            try store(image, client: request.clientAddress)
        }
        wakeup.notify()
        logger.info("upload accepted", metadata: [
            "request.id": "\(request.requestID)", "image.id": "\(record.id)", "image.format": "\(record.format)",
            "image.bytes": "\(record.byteSize)",
        ])
        return .json(.accepted, encoding: ["id": record.id, "status": "processing"],
                     headers: [("Location", "/api/results/\(record.id)")])
    }

    /// Checks the queue has room for the client, stores the blob, commits row and job.
    private func store(_ image: ImageField, client: String) throws -> ImageRecord {
        let queue = try databases.get().jobQueue(QueuePolicy(configuration: configuration))
        try queue.admit(client: client)
        let record = ImageRecord(id: ImageID.generate(), blobSHA256: try blobs.store(image.bytes), header: image.header,
                                 byteSize: image.bytes.count, originalFilename: image.filename,
                                 createdAt: Date().timeIntervalSince1970)
        try queue.enqueue(record, client: client)
        return record
    }
}
