/// Renditions by source and recipe: what nginx serves for a preset or a transform once made.
public protocol RenditionCatalog: Sendable {
    func rendition(source: String, recipe: String) throws(StoreError) -> Rendition?
    /// Records a rendition; one already recorded for the same source and recipe is kept.
    /// `confirmBlob` runs under the write lock, as for `JobQueue.enqueue`.
    func record(_ rendition: Rendition, confirmingBlob confirmBlob: () throws(StoreError) -> Void) throws(StoreError)
}
