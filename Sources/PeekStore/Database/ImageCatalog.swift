/// Looks up accepted uploads by id (rows are written together with their job by `JobQueue.enqueue`).
public protocol ImageCatalog: Sendable {
    func image(_ id: String) throws(StoreError) -> ImageRecord?
    /// The image and the presets made of its blob, in one read: what every poll of a result needs.
    func imageAndPresets(_ id: String) throws(StoreError) -> (image: ImageRecord, presets: [Preset])?
}
