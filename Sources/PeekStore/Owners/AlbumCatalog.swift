/// Albums, the photos in them and their share links. Every lookup of an owner's thing names the
/// owner, so one owner's id never reaches another's album.
public protocol AlbumCatalog: Sendable {
    func createAlbum(_ album: Album) throws(StoreError)
    /// The owner's albums, newest first.
    func albums(ownerID: Int64) throws(StoreError) -> [Album]
    func album(_ id: String, ownerID: Int64) throws(StoreError) -> Album?
    func album(_ id: String) throws(StoreError) -> Album?
    /// Saves title, description and cover; false when the owner has no such album.
    func updateAlbum(_ album: Album) throws(StoreError) -> Bool
    /// The album's photos, oldest first, each with the presets made of it.
    func photos(albumID: String) throws(StoreError) -> [(image: ImageRecord, presets: [Preset])]

    func createShare(_ share: Share) throws(StoreError)
    func shares(albumID: String) throws(StoreError) -> [Share]
    func share(_ id: String, albumID: String) throws(StoreError) -> Share?
    /// The share a link token opens, whatever its state.
    func share(tokenHash: String) throws(StoreError) -> Share?
    /// Applies the change; unlocks end with a revocation or a new password. Nil when there is no such share.
    func updateShare(_ id: String, albumID: String, change: ShareChange) throws(StoreError) -> Share?
    func deleteShare(_ id: String, albumID: String) throws(StoreError) -> Bool

    func recordUnlock(tokenHash: String, shareID: String, expiresAt: Double) throws(StoreError)
    func isUnlocked(tokenHash: String, shareID: String, at time: Double) throws(StoreError) -> Bool
}
