/// A blob moved out of the store's way by a deletion that has not committed yet.
public struct DiscardedBlob: Sendable {
    let finishing: @Sendable () -> Void
    let restoring: @Sendable () -> Void

    public init(finish: @escaping @Sendable () -> Void, restore: @escaping @Sendable () -> Void) {
        finishing = finish
        restoring = restore
    }

    /// The deletion committed: the blob is gone for good.
    public func finish() { finishing() }
    /// The deletion failed: the blob is back where it was.
    public func restore() { restoring() }
}
