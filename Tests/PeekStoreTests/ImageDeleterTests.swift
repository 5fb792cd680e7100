import Foundation
import PeekCore
import PeekStore
import PeekTestSupport
import Testing

@Suite struct ImageDeleterTests {
    /// A store and database in one temporary data directory.
    private func withStore<T>(_ body: (SQLiteDatabase, LocalBlobStore, ImageDeleter) throws -> T) throws -> T {
        try withTemporaryDirectory { root in
            let directory = DataDirectory(root: root)
            try FileManager.default.createDirectory(at: directory.temporary, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: directory.blobs, withIntermediateDirectories: true)
            let database = try SQLiteDatabase(path: directory.database.path)
            let blobs = LocalBlobStore(directory: directory)
            return try body(database, blobs, ImageDeleter(catalog: database.deletions, blobs: blobs))
        }
    }

    private func upload(_ bytes: String, _ database: SQLiteDatabase, _ blobs: LocalBlobStore) throws -> ImageRecord {
        let image = ImageRecord.fixture(blobSHA256: try blobs.store(Data(bytes.utf8)))
        try database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3)).enqueue(image, client: "c")
        return image
    }

    @Test func aDeletedImagesBlobIsGoneOnlyOnceNoOtherRowNamesIt() throws {
        try withStore { database, blobs, deleter in
            let first = try upload("same bytes", database, blobs)
            let second = try upload("same bytes", database, blobs)
            #expect(first.blobSHA256 == second.blobSHA256)
            #expect(try deleter.delete(.image(first.id)) == [first.id])
            #expect(blobs.contains(first.blobSHA256))
            #expect(try database.images.image(first.id) == nil)
            try deleter.delete(.image(second.id))
            #expect(!blobs.contains(second.blobSHA256))
        }
    }

    @Test func renditionsAndTheAnnotatedCopyGoWithTheirLastSource() throws {
        try withStore { database, blobs, deleter in
            let image = try upload("photo", database, blobs)
            let queue = database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3))
            let job = try #require(try queue.claim(owner: "w"))
            let annotated = try blobs.store(Data("annotated".utf8))
            let thumbnail = try blobs.store(Data("thumbnail".utf8))
            let rendition = Rendition(sourceSHA256: image.blobSHA256, recipe: Preset.thumbnail.recipe, blobSHA256: thumbnail,
                                      contentType: "image/webp", width: 1, height: 1, byteSize: 9, createdAt: 1)
            #expect(try queue.complete(job, insightsJSON: "{}", annotatedSHA256: annotated, renditions: [rendition],
                                       processingMs: 1, confirmingBlobs: {}))
            try deleter.delete(.image(image.id))
            for digest in [image.blobSHA256, annotated, thumbnail] { #expect(!blobs.contains(digest)) }
            #expect(try database.renditions.rendition(source: image.blobSHA256, recipe: Preset.thumbnail.recipe) == nil)
        }
    }

    @Test func anUploadThatConfirmsItsBlobAfterADeletionStillHasIt() throws {
        try withStore { database, blobs, deleter in
            let old = try upload("shared bytes", database, blobs)
            // A new upload of the same bytes found the blob there (no write), then the old image is
            // deleted before the new row commits: its confirmation under the write lock writes it anew.
            let bytes = Data("shared bytes".utf8)
            #expect(try blobs.store(bytes) == old.blobSHA256)
            try deleter.delete(.image(old.id))
            #expect(!blobs.contains(old.blobSHA256))
            let image = ImageRecord.fixture(blobSHA256: old.blobSHA256)
            try database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3)).enqueue(image, client: "c") {
                () throws(StoreError) in _ = try blobs.store(bytes)
            }
            #expect(blobs.contains(image.blobSHA256))
        }
    }

    @Test func aFailedDeletionPutsTheBlobsBack() throws {
        try withStore { database, blobs, _ in
            let image = try upload("kept", database, blobs)
            let failing = ImageDeleter(catalog: FailingAfterDiscard(inner: database.deletions), blobs: blobs)
            #expect(throws: StoreError.databaseLocked) { try failing.delete(.image(image.id)) }
            #expect(blobs.contains(image.blobSHA256))
        }
    }

    @Test func deletingAnAlbumTakesItsPhotosAndSharesButNotOtherAlbums() throws {
        try withStore { database, blobs, deleter in
            let (album, photo) = try albumWithPhoto(database, blob: try blobs.store(Data("a".utf8)))
            let (other, kept) = try albumWithPhoto(database, blob: try blobs.store(Data("b".utf8)))
            try database.albums.createShare(Share(id: "s", albumID: album.id, tokenHash: "t", passwordHash: nil, expiresAt: nil,
                                                  revoked: false, createdAt: 1))
            #expect(try deleter.delete(.album(id: album.id, ownerID: album.ownerID)) == [photo.id])
            #expect(try database.albums.album(album.id) == nil)
            #expect(try database.albums.share(tokenHash: "t") == nil)
            #expect(!blobs.contains(photo.blobSHA256))
            #expect(try database.albums.album(other.id) != nil)
            #expect(blobs.contains(kept.blobSHA256))
        }
    }

    @Test func anotherOwnerCannotDeleteAnAlbum() throws {
        try withStore { database, blobs, deleter in
            let (album, photo) = try albumWithPhoto(database, blob: try blobs.store(Data("a".utf8)))
            let bob = try database.accounts.createUser(username: "bob", passwordHash: "h", at: 1)
            #expect(try deleter.delete(.album(id: album.id, ownerID: bob.id)).isEmpty)
            #expect(try database.images.image(photo.id) != nil)
            #expect(try database.albums.album(album.id) != nil)
        }
    }

    @Test func theRetentionSweepTakesOnlyOldAnonymousUploads() throws {
        try withStore { database, blobs, deleter in
            let (_, photo) = try albumWithPhoto(database, blob: try blobs.store(Data("album".utf8)))
            let old = ImageRecord.fixture(createdAt: 100, blobSHA256: try blobs.store(Data("old".utf8)))
            let recent = ImageRecord.fixture(createdAt: 10_000, blobSHA256: try blobs.store(Data("new".utf8)))
            let queue = database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3))
            try queue.enqueue(old, client: "c")
            try queue.enqueue(recent, client: "c")
            #expect(try deleter.delete(.anonymousUploads(before: 5_000)) == [old.id])
            #expect(try database.images.image(photo.id) != nil)
            #expect(try database.images.image(recent.id) != nil)
        }
    }
}

/// Discards as asked, then fails as a commit would.
private struct FailingAfterDiscard: DeletionCatalog {
    let inner: any DeletionCatalog

    func delete(_ target: DeletionTarget, discard: (String) throws(StoreError) -> Void) throws(StoreError) -> [String] {
        _ = try inner.delete(target, discard: discard)
        throw .databaseLocked
    }

    func discardUnreferenced(_ digests: [String], discard: (String) throws(StoreError) -> Void) throws(StoreError) -> Int {
        try inner.discardUnreferenced(digests, discard: discard)
    }
}
