import Foundation
import PeekCore
import PeekStore
import PeekTestSupport
import Testing

@Suite struct AlbumCatalogTests {
    @Test(arguments: Backend.available)
    func anAlbumIsFoundOnlyWithItsOwner(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
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

    @Test(arguments: Backend.available)
    func aCoverMustBeOneOfTheAlbumsPhotos(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let (album, photo) = try albumWithPhoto(database)
            let elsewhere = ImageRecord.fixture()
            try database.jobQueue(testPolicy).enqueue(elsewhere, client: "c")
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

    @Test(arguments: Backend.available)
    func revokingOrANewPasswordEndsTheUnlocksButAnExpiryChangeDoesNot(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
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

    @Test(arguments: Backend.available)
    func photosOfOneUploadKeepTheOrderTheyWereSentIn(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let (album, first) = try albumWithPhoto(database)
            let batch = ["zz", "aa", "mm"].map { prefix in
                var photo = ImageRecord.fixture(id: prefix + ImageID.generate().dropFirst(2), createdAt: 2_000_000)
                photo.ownerID = album.ownerID
                photo.albumID = album.id
                return photo
            }
            try database.jobQueue(testPolicy).enqueue(batch, client: "c", confirmingBlobs: {})
            #expect(try database.albums.photos(albumID: album.id).map(\.image.id) == [first.id] + batch.map(\.id))
            #expect(try database.albums.album(album.id)?.photoCount == 4)
        }
    }

    @Test(arguments: Backend.available)
    func deletingAnAccountTakesItsSessionsTokensAlbumsAndShares(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let (album, photo) = try albumWithPhoto(database)
            try database.accounts.startSession(userID: album.ownerID, tokenHash: "s", at: 1, expiresAt: 1e12)
            try database.accounts.createToken(id: "t", userID: album.ownerID, name: "ci", tokenHash: "th", at: 1)
            try database.albums.createShare(Share(id: "sh", albumID: album.id, tokenHash: "st", passwordHash: nil,
                                                  expiresAt: nil, revoked: false, createdAt: 1))
            let bob = try database.accounts.createUser(username: "bob", passwordHash: "h", at: 1)
            #expect(try database.deletions.delete(.user(album.ownerID)) { (_: String) throws(StoreError) in } == [photo.id])
            #expect(try database.accounts.users() == [bob])
            #expect(try database.accounts.sessionUser(tokenHash: "s", at: 2) == nil)
            #expect(try database.accounts.tokenUser(tokenHash: "th", at: 2) == nil)
            #expect(try database.albums.share(tokenHash: "st") == nil)
            #expect(try database.albums.album(album.id) == nil)
            #expect(try database.images.image(photo.id) == nil)
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
func albumWithPhoto(_ database: any DatabaseBackend, blob: String = String(repeating: "ab", count: 32)) throws -> (Album, ImageRecord) {
    let owner = try database.accounts.user(named: "alice")?.user
        ?? database.accounts.createUser(username: "alice", passwordHash: "h", at: 1)
    let album = Album(id: ImageID.generate(), ownerID: owner.id, title: "Trip", description: "", createdAt: 1, updatedAt: 1)
    try database.albums.createAlbum(album)
    var photo = ImageRecord.fixture(blobSHA256: blob)
    photo.ownerID = owner.id
    photo.albumID = album.id
    try database.jobQueue(testPolicy).enqueue(photo, client: "c")
    return (album, photo)
}
