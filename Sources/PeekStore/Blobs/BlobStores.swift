import PeekCore

/// The blob store the settings choose: the data directory's files, or the `PEEK_S3_*` bucket.
public enum BlobStores {
    public static func configured(_ configuration: PeekConfiguration) -> any BlobStore {
        let directory = DataDirectory(configuration: configuration)
        if let s3 = configuration.s3 { return S3BlobStore(settings: s3, temporaryDirectory: directory.temporary) }
        return LocalBlobStore(directory: directory)
    }
}
