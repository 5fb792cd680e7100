import Foundation

/// Where originals and derived images live, named by the SHA-256 of their bytes, so identical
/// content is stored once. A store either holds a blob whole or not at all: files in the data
/// directory (`LocalBlobStore`) or objects in an S3-compatible bucket (`S3BlobStore`).
public protocol BlobStore: Sendable {
    /// Stores `bytes` unless the same content is there already; returns its SHA-256 in hex.
    /// When it returns the blob is durable, so a row naming it may be committed.
    func store(_ bytes: UnsafeRawBufferPointer) throws(StoreError) -> String
    func contains(_ digest: String) -> Bool
    /// A local file holding the blob, for the decoders and the ZIP of an album (a download for a
    /// bucket, removed when the `BlobFile` goes); nil when the store has no such blob.
    func localFile(for digest: String) throws(StoreError) -> BlobFile?
    /// How nginx sends the blob to a client; `publicly` when anyone may keep a copy.
    func delivery(of digest: String, publicly: Bool) throws(StoreError) -> BlobDelivery
    /// Takes the blob out of use (nil when there is none) until the deletion is settled.
    func discard(_ digest: String) throws(StoreError) -> DiscardedBlob?
    /// The blobs written before `cutoff` (seconds since 1970): what the sweep checks for orphans.
    func digests(writtenBefore cutoff: Double) throws(StoreError) -> [String]
    /// Removes what unfinished work left before `cutoff` (blobs a crashed deletion set aside);
    /// how many were removed.
    func removeLeftovers(before cutoff: Double) -> Int
}

extension BlobStore {
    public func store(_ data: Data) throws(StoreError) -> String {
        let result: Result<String, StoreError> = data.withUnsafeBytes { bytes in
            Result { () throws(StoreError) -> String in try store(bytes) }
        }
        return try result.get()
    }
}
