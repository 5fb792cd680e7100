import Foundation
import PeekCore
import PeekStore
import PeekTestSupport
import Testing

@Suite struct AlbumCatalogTests {
    @Test func anAlbumIsFoundOnlyWithItsOwner() throws {
        try withDatabase { database, _ in
            let alice = try database.accounts.createUser(username: "alice", passwordHash: "h", at: 1)
            let bob = try database.accounts.createUser(username: "bob", passwordHash: "h", at: 1)
            let album = Album(id: ImageID.generate(), ownerID: alice.id, title: "Trip", description: "", createdAt: 1, updatedAt: 1)
            try database.albums.createAlbum(album)
            #expect(try database.albums.album(album.id, ownerID: alice.id)?.title == "Trip")
            #expect(try database.albums.album(album.id, ownerID: bob.id) == nil)
            #expect(try database.albums.albums(ownerID: bob.id).isEmpty)
            var stolen = album
            stolen = Album(id: album.id, ownerID: bob.id, title: "Mine", description: "", createdAt: 1, updatedAt: 2)
            #expect(try !database.albums.updateAlbum(stolen))
            #expect(try database.albums.album(album.id)?.title == "Trip")
        }
    }

    @Test func aCoverMustBeOneOfTheAlbumsPhotos() throws {
        try withDatabase { database, _ in
            let (album, photo) = try albumWithPhoto(database)
            let elsewhere = ImageRecord.fixture()
            try database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3)).enqueue(elsewhere, client: "c")
            var changed = album
            changed.coverImageID = elsewhere.id
            #expect(try database.albums.updateAlbum(changed))
            #expect(try database.albums.album(album.id)?.coverImageID == nil)
            changed.coverImageID = photo.id
            #expect(try database.albums.updateAlbum(changed))
            #expect(try database.albums.album(album.id)?.coverImageID == photo.id)
            #expect(try database.albums.album(album.id)?.photoCount == 1)
        }
    }

    @Test func revokingOrANewPasswordEndsTheUnlocksButAnExpiryChangeDoesNot() throws {
        try withDatabase { database, _ in
            let (album, _) = try albumWithPhoto(database)
            let share = Share(id: "s1", albumID: album.id, tokenHash: "t", passwordHash: "p", expiresAt: nil, revoked: false,
                              createdAt: 1)
            try database.albums.createShare(share)
            try database.albums.recordUnlock(tokenHash: "u", shareID: "s1", expiresAt: 1e12)
            _ = try database.albums.updateShare("s1", albumID: album.id, change: ShareChange(expiresAt: .some(1e11)))
            #expect(try database.albums.isUnlocked(tokenHash: "u", shareID: "s1", at: 2))
            let changed = try database.albums.updateShare("s1", albumID: album.id, change: ShareChange(passwordHash: .some("q")))
            #expect(changed?.passwordHash == "q")
            #expect(try !database.albums.isUnlocked(tokenHash: "u", shareID: "s1", at: 2))
            #expect(try database.albums.updateShare("s1", albumID: "other", change: ShareChange(revoked: true)) == nil)
        }
    }

    @Test func aShareIsLiveUntilRevokedOrExpired() {
        var share = Share(id: "s", albumID: "a", tokenHash: "t", passwordHash: nil, expiresAt: 100, revoked: false, createdAt: 1)
        #expect(share.state(at: 99) == .live)
        #expect(share.state(at: 100) == .expired)
        share.revoked = true
        #expect(share.state(at: 99) == .revoked)
    }
}

/// Alice's album "Trip" with one queued photo in it.
func albumWithPhoto(_ database: SQLiteDatabase, blob: String = String(repeating: "ab", count: 32)) throws -> (Album, ImageRecord) {
    let owner = try database.accounts.user(named: "alice")?.user
        ?? database.accounts.createUser(username: "alice", passwordHash: "h", at: 1)
    let album = Album(id: ImageID.generate(), ownerID: owner.id, title: "Trip", description: "", createdAt: 1, updatedAt: 1)
    try database.albums.createAlbum(album)
    var photo = ImageRecord.fixture(blobSHA256: blob)
    photo.ownerID = owner.id
    photo.albumID = album.id
    try database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3)).enqueue(photo, client: "c")
    return (album, photo)
}
