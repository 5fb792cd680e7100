/// Deletes rows and says which blobs no row names any more. `discard` is called for each such blob
/// inside the same write transaction, so no upload can name a blob between the check and the
/// removal (uploads confirm their blobs under the same lock: `JobQueue.enqueue`).
public protocol DeletionCatalog: Sendable {
    /// The ids of the images deleted.
    func delete(_ target: DeletionTarget, discard: (String) throws(StoreError) -> Void) throws(StoreError) -> [String]
    /// Hands each of `digests` that no row names to `discard`, under the write lock; how many it handed.
    func discardUnreferenced(_ digests: [String], discard: (String) throws(StoreError) -> Void) throws(StoreError) -> Int
}
