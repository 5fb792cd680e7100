/// A file a run wrote into its output folder, kept as a blob.
public struct ModelJobOutput: Sendable, Equatable {
    public let name: String
    public let blobSHA256: String
    public let contentType: String
    public let byteSize: Int

    public init(name: String, blobSHA256: String, contentType: String, byteSize: Int) {
        self.name = name
        self.blobSHA256 = blobSHA256
        self.contentType = contentType
        self.byteSize = byteSize
    }
}
