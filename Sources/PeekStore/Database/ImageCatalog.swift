/// Looks up accepted uploads by id (rows are written together with their job by `JobQueue.enqueue`).
public protocol ImageCatalog: Sendable {
    func image(_ id: String) throws(StoreError) -> ImageRecord?
}
