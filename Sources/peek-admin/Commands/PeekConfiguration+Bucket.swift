import PeekCore
import PeekStore

extension PeekConfiguration {
    /// The S3 bucket the blobs are in (`PEEK_BLOB_STORE=s3`), for the commands that check or copy
    /// them; nil when they are files in the data directory.
    var bucket: S3BlobStore? {
        s3.map { S3BlobStore(settings: $0, temporaryDirectory: DataDirectory(configuration: self).temporary) }
    }
}
