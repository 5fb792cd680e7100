import Foundation
import PeekCore
import PeekStore
import PeekTestSupport
import Testing

@Suite struct ImageDeleterTests {
    /// A database of `backend` and a blob store in a temporary data directory.
    private func withStore<T>(_ backend: Backend,
                              _ body: (any DatabaseBackend, LocalBlobStore, ImageDeleter, TestDatabase) throws -> T) throws -> T {
        try withTemporaryDirectory { root in
            let directory = DataDirectory(root: root)
            try FileManager.default.createDirectory(at: directory.temporary, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: directory.blobs, withIntermediateDirectories: true)
            let blobs = LocalBlobStore(directory: directory)
            return try withBackend(backend) { database, fixture in
                try body(database, blobs, ImageDeleter(catalog: database.deletions, blobs: blobs), fixture)
            }
        }
    }

    private func upload(_ bytes: String, _ database: any DatabaseBackend, _ blobs: LocalBlobStore) throws -> ImageRecord {
        let image = ImageRecord.fixture(blobSHA256: try blobs.store(Data(bytes.utf8)))
        try database.jobQueue(testPolicy).enqueue(image, client: "c")
        return image
    }

    @Test(arguments: Backend.available)
    func aDeletedImagesBlobIsGoneOnlyOnceNoOtherRowNamesIt(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, deleter, _ in
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

    @Test(arguments: Backend.available)
    func renditionsAndTheAnnotatedCopyGoWithTheirLastSource(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, deleter, _ in
            let image = try upload("photo", database, blobs)
            let queue = database.jobQueue(testPolicy)
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

    @Test(arguments: Backend.available)
    func anUploadThatConfirmsItsBlobAfterADeletionStillHasIt(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, deleter, _ in
            let old = try upload("shared bytes", database, blobs)
            // A new upload of the same bytes found the blob there (no write), then the old image is
            // deleted before the new row commits: its confirmation under the write lock writes it anew.
            let bytes = Data("shared bytes".utf8)
            #expect(try blobs.store(bytes) == old.blobSHA256)
            try deleter.delete(.image(old.id))
            #expect(!blobs.contains(old.blobSHA256))
            let image = ImageRecord.fixture(blobSHA256: old.blobSHA256)
            try database.jobQueue(testPolicy).enqueue(image, client: "c") {
                () throws(StoreError) in _ = try blobs.store(bytes)
            }
            #expect(blobs.contains(image.blobSHA256))
        }
    }

    @Test(arguments: Backend.available)
    func aFailedDeletionPutsTheBlobsBack(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, _, _ in
            let image = try upload("kept", database, blobs)
            let failing = ImageDeleter(catalog: FailingAfterDiscard(inner: database.deletions), blobs: blobs)
            #expect(throws: StoreError.databaseLocked) { try failing.delete(.image(image.id)) }
            #expect(blobs.contains(image.blobSHA256))
        }
    }

    @Test(arguments: Backend.available)
    func deletingAnAlbumTakesItsPhotosAndSharesButNotOtherAlbums(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, deleter, _ in
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

    @Test(arguments: Backend.available)
    func anotherOwnerCannotDeleteAnAlbum(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, deleter, _ in
            let (album, photo) = try albumWithPhoto(database, blob: try blobs.store(Data("a".utf8)))
            let bob = try database.accounts.createUser(username: "bob", passwordHash: "h", at: 1)
            #expect(try deleter.delete(.album(id: album.id, ownerID: bob.id)).isEmpty)
            #expect(try database.images.image(photo.id) != nil)
            #expect(try database.albums.album(album.id) != nil)
        }
    }

    @Test(arguments: Backend.available)
    func theRetentionSweepTakesOnlyOldAnonymousUploads(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, deleter, _ in
            let (_, photo) = try albumWithPhoto(database, blob: try blobs.store(Data("album".utf8)))
            let old = ImageRecord.fixture(createdAt: 100, blobSHA256: try blobs.store(Data("old".utf8)))
            let recent = ImageRecord.fixture(createdAt: 10_000, blobSHA256: try blobs.store(Data("new".utf8)))
            let queue = database.jobQueue(testPolicy)
            try queue.enqueue(old, client: "c")
            try queue.enqueue(recent, client: "c")
            #expect(try deleter.delete(.anonymousUploads(before: 5_000)) == [old.id])
            #expect(try database.images.image(photo.id) != nil)
            #expect(try database.images.image(recent.id) != nil)
        }
    }

    // The blob lock. An upload of bytes whose blob is already stored writes nothing, so a deletion
    // of the last image naming that blob must not remove it under the upload's feet. Here the two
    // run at the same moment on two connections, as two processes would: whichever comes second
    // to the blob waits for the other to commit, then sees its work.

    @Test(arguments: Backend.available)
    func aDeletionWaitsForAnUploadConfirmingTheSameBlobAndThenKeepsIt(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, _, fixture in
            let old = try upload("shared bytes", database, blobs)
            let other = try fixture.reopen()
            let image = ImageRecord.fixture(blobSHA256: old.blobSHA256)
            let deletion = Background()
            try database.jobQueue(testPolicy).enqueue(image, client: "c") { () throws(StoreError) in
                // The new row is in, not committed: the deletion of the old image has to wait.
                deletion.start { _ = try ImageDeleter(catalog: other.deletions, blobs: blobs).delete(.image(old.id)) }
                Thread.sleep(forTimeInterval: 0.3)
                #expect(!deletion.isFinished)
            }
            try deletion.wait()
            #expect(try database.images.image(old.id) == nil)
            #expect(blobs.contains(image.blobSHA256))
        }
    }

    @Test(arguments: Backend.available)
    func anUploadWaitsForADeletionDiscardingItsBlobAndThenWritesItAnew(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, _, fixture in
            let old = try upload("shared bytes", database, blobs)
            let bytes = Data("shared bytes".utf8)
            // The upload found its blob on disk (so wrote nothing) just before the deletion began.
            #expect(try blobs.store(bytes) == old.blobSHA256)
            let other = try fixture.reopen()
            let image = ImageRecord.fixture(blobSHA256: old.blobSHA256)
            let upload = Background()
            let catalog = AfterEachDiscard(inner: database.deletions) {
                // The blob is moved aside, the deletion not committed: the upload has to wait.
                upload.start {
                    try other.jobQueue(testPolicy).enqueue(image, client: "c") { () throws(StoreError) in
                        _ = try blobs.store(bytes)
                    }
                }
                Thread.sleep(forTimeInterval: 0.3)
                #expect(!upload.isFinished)
            }
            try ImageDeleter(catalog: catalog, blobs: blobs).delete(.image(old.id))
            try upload.wait()
            #expect(try database.images.image(image.id) != nil)
            #expect(blobs.contains(image.blobSHA256))
        }
    }

    @Test(arguments: Backend.available)
    func orphanBlobsAreRemovedButNamedOnesKept(_ backend: Backend) throws {
        try withStore(backend) { database, blobs, deleter, _ in
            let image = try upload("named", database, blobs)
            let orphan = try blobs.store(Data("orphan".utf8))
            #expect(try deleter.deleteOrphans([image.blobSHA256, orphan]) == 1)
            #expect(blobs.contains(image.blobSHA256))
            #expect(!blobs.contains(orphan))
        }
    }
}

/// Work on a thread of its own, whose end (and error) the test can wait for.
private final class Background: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let state = Locked<(finished: Bool, error: String?)>((false, nil))

    var isFinished: Bool { state.value.finished }

    func start(_ work: @escaping @Sendable () throws -> Void) {
        Thread.detachNewThread { [self] in
            var failure: String?
            do { try work() } catch { failure = "\(error)" }
            state.mutate { $0 = (true, failure) }
            done.signal()
        }
    }

    func wait(sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard done.wait(timeout: .now() + 20) == .success else {
            Issue.record("the background work did not finish", sourceLocation: sourceLocation)
            return
        }
        if let error = state.value.error { Issue.record("the background work failed: \(error)", sourceLocation: sourceLocation) }
    }
}

/// Runs `hook` inside the deleting transaction after each blob it discards.
private struct AfterEachDiscard: DeletionCatalog {
    let inner: any DeletionCatalog
    let hook: @Sendable () -> Void

    func delete(_ target: DeletionTarget, discard: (String) throws(StoreError) -> Void) throws(StoreError) -> [String] {
        try inner.delete(target) { (digest: String) throws(StoreError) in
            try discard(digest)
            hook()
        }
    }

    func discardUnreferenced(_ digests: [String], discard: (String) throws(StoreError) -> Void) throws(StoreError) -> Int {
        try inner.discardUnreferenced(digests, discard: discard)
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
