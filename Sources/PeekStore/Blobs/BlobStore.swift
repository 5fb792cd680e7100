import Foundation

/// Where originals and derived images live, named by the SHA-256 of their bytes, so identical
/// content is stored once. A store either holds a blob whole or not at all.
public protocol BlobStore: Sendable {
    /// Stores `bytes` unless the same content is there already; returns its SHA-256 in hex.
    func store(_ bytes: UnsafeRawBufferPointer) throws(StoreError) -> String
    func contains(_ digest: String) -> Bool
    /// A local file holding the blob, for the worker's decoders.
    func fileURL(for digest: String) throws(StoreError) -> URL
    /// The path nginx serves the blob from, below its internal blob location.
    func servingPath(for digest: String) throws(StoreError) -> String
    /// Takes the blob out of use (nil when there is none) until the deletion is settled.
    func discard(_ digest: String) throws(StoreError) -> DiscardedBlob?
}

extension BlobStore {
    public func store(_ data: Data) throws(StoreError) -> String {
        let result: Result<String, StoreError> = data.withUnsafeBytes { bytes in
            Result { () throws(StoreError) -> String in try store(bytes) }
        }
        return try result.get()
    }
}
