import Access
import Credentials
import Foundation
import Logging
import PeekCore
import PeekHTTP
import PeekStore

/// `POST /api/analyze`: checks the upload before anything decodes it, stores the blob durably,
/// commits the image row and its job together, wakes a worker, then answers 202 with the token
/// that deletes the image. A logged-in owner's upload is theirs to delete; it stays readable by
/// its id like any other.
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
        self.blobs = BlobStores.configured(configuration)
        self.wakeup = WakeupSignal(path: configuration.wakeupFIFO.path)
    }

    public func handle(_ request: Request) throws -> Response {
        try request.requireMethod("POST")
        guard request.path == "/api/analyze" else { throw RequestError.noSuchRoute(path: request.path) }
        let owner = try Authenticator(accounts: databases.get().accounts).caller(of: request).user
        guard owner != nil || configuration.anonymousUploads else { throw RequestError.anonymousUploadsClosed }
        let deleteToken = try SecretToken.generate()
        let record = try ImageField.reading(request, configuration: configuration) { image in
            try store(image, client: request.clientAddress, owner: owner, deleteToken: deleteToken)
        }
        wakeup.notify()
        logger.info("upload accepted", metadata: [
            "request.id": "\(request.requestID)", "image.id": "\(record.id)", "image.format": "\(record.format)",
            "image.bytes": "\(record.byteSize)",
        ])
        var answer = ["id": record.id, "status": "processing", "delete_token": deleteToken.text]
        // A bucket with a public address: where anyone reads the original (as the R2 API answered).
        if case .redirect(let url) = try blobs.delivery(of: record.blobSHA256, publicly: true) {
            answer["public_url"] = url.absoluteString
        }
        return .json(.accepted, encoding: answer, headers: [("Location", "/api/results/\(record.id)")])
    }

    /// Checks the queue has room for the client, stores the blob, commits row and job.
    private func store(_ image: ImageField, client: String, owner: User?, deleteToken: SecretToken) throws -> ImageRecord {
        let queue = try databases.get().jobQueue(QueuePolicy(configuration: configuration))
        try queue.admit(client: client)
        let record = ImageRecord(id: ImageID.generate(), blobSHA256: try blobs.store(image.bytes), header: image.header,
                                 byteSize: image.bytes.count, originalFilename: image.filename,
                                 createdAt: Date().timeIntervalSince1970, ownerID: owner?.id,
                                 deleteTokenHash: deleteToken.storedHash)
        try queue.enqueue(record, client: client) { () throws(StoreError) in _ = try blobs.store(image.bytes) }
        return record
    }
}
