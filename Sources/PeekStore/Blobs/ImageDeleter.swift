/// Deletes images and what hangs on them, and the blobs that end up unreferenced: each is moved
/// aside inside the deleting transaction and removed for good only once it has committed (put
/// back if it did not).
public struct ImageDeleter {
    let catalog: any DeletionCatalog
    let blobs: any BlobStore

    public init(catalog: any DeletionCatalog, blobs: any BlobStore) {
        self.catalog = catalog
        self.blobs = blobs
    }

    /// The ids of the images deleted.
    @discardableResult
    public func delete(_ target: DeletionTarget) throws(StoreError) -> [String] {
        try settling { discard throws(StoreError) in try catalog.delete(target, discard: discard) }
    }

    /// Removes those of `digests` (blob files found on disk) that no row names: orphans of a crash
    /// between a blob's write and its row's commit. How many were removed.
    public func deleteOrphans(_ digests: [String]) throws(StoreError) -> Int {
        try settling { discard throws(StoreError) in try catalog.discardUnreferenced(digests, discard: discard) }
    }

    /// Runs `deletion` with a discard that moves blobs aside, then removes them or puts them back.
    private func settling<T>(_ deletion: ((String) throws(StoreError) -> Void) throws(StoreError) -> T) throws(StoreError) -> T {
        var discarded: [DiscardedBlob] = []
        do throws(StoreError) {
            let result = try deletion { (digest: String) throws(StoreError) in
                if let blob = try blobs.discard(digest) { discarded.append(blob) }
            }
            for blob in discarded { blob.finish() }
            return result
        } catch {
            for blob in discarded { blob.restore() }
            throw error
        }
    }
}
