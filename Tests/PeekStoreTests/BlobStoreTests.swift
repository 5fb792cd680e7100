import Foundation
import Testing
@testable import PeekStore
import PeekCore
import PeekTestSupport

@Suite struct BlobStoreTests {
    /// SHA-256("hello world"), from `printf 'hello world' | sha256sum`.
    static let helloWorldDigest = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"

    func withStore<T>(_ body: (LocalBlobStore, URL) throws -> T) throws -> T {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("blobs", isDirectory: true)
            let temporary = directory.appendingPathComponent("tmp", isDirectory: true)
            for folder in [root, temporary] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            return try body(LocalBlobStore(root: root, temporaryDirectory: temporary), directory)
        }
    }

    @Test func theDigestIsTheSHA256OfTheBytesInLowercaseHex() throws {
        try withStore { store, _ in
            let digest = try store.store(Data("hello world".utf8))
            #expect(digest == Self.helloWorldDigest)
        }
    }

    @Test func aBlobIsStoredUnderShardedFoldersNamedAfterItsDigest() throws {
        try withStore { store, directory in
            let digest = try store.store(Data("hello world".utf8))
            #expect(try store.servingPath(for: digest) == "b9/4d/\(Self.helloWorldDigest)")
            #expect(regularFiles(under: store.root) == ["b9/4d/\(Self.helloWorldDigest)"])
            #expect(try store.fileURL(for: digest) == store.root.appendingPathComponent("b9/4d/\(Self.helloWorldDigest)"))
            #expect(try Data(contentsOf: store.fileURL(for: digest)) == Data("hello world".utf8))
            #expect(store.contains(digest))
        }
    }

    @Test func identicalBytesAreStoredOnce() throws {
        try withStore { store, _ in
            let bytes = Data(ImageBytes.png(width: 3, height: 3))
            let first = try store.store(bytes)
            let second = try store.store(bytes)
            #expect(first == second)
            #expect(regularFiles(under: store.root).count == 1)
            let third = try store.store(Data("different".utf8))
            #expect(third != first)
            #expect(regularFiles(under: store.root).count == 2)
        }
    }

    @Test func concurrentStoresOfTheSameBytesLeaveOneCompleteFile() throws {
        try withStore { store, _ in
            let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let digests = Locked<Set<String>>([])
            try runOnThreads(6) { _ in
                let digest = try store.store(bytes)
                digests.mutate { $0.insert(digest) }
            }
            let digest = try #require(digests.value.first)
            #expect(digests.value.count == 1)
            #expect(regularFiles(under: store.root).count == 1)
            #expect(try Data(contentsOf: store.fileURL(for: digest)) == bytes)
            #expect(regularFiles(under: store.temporaryDirectory).isEmpty)
        }
    }

    @Test func noTemporaryFilesAreLeftBehind() throws {
        try withStore { store, _ in
            for index in 0..<10 { _ = try store.store(Data("blob \(index)".utf8)) }
            _ = try store.store(Data("blob 0".utf8))
            #expect(regularFiles(under: store.temporaryDirectory).isEmpty)
            #expect(regularFiles(under: store.root).count == 10)
        }
    }

    @Test func anEmptyBlobHasTheEmptyDigest() throws {
        try withStore { store, _ in
            let digest = try store.store(Data())
            #expect(digest == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            #expect(try Data(contentsOf: store.fileURL(for: digest)).isEmpty)
        }
    }

    @Test func anythingButALowercaseDigestIsNotAPathInTheStore() throws {
        try withStore { store, _ in
            for text in ["../../etc/passwd", "", Self.helloWorldDigest.uppercased(), String(Self.helloWorldDigest.dropLast()),
                         Self.helloWorldDigest + "0", "../" + String(Self.helloWorldDigest.dropFirst(3))] {
                #expect(throws: StoreError.notADigest(text)) { _ = try store.servingPath(for: text) }
                #expect(!store.contains(text))
            }
            #expect(!store.contains(Self.helloWorldDigest))
        }
    }

    @Test func aMissingRootIsUnavailableAndNotRecreated() throws {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("blobs")
            let store = LocalBlobStore(root: root, temporaryDirectory: directory)
            expectStorageError { _ = try store.store(Data("x".utf8)) }
            #expect(!FileManager.default.fileExists(atPath: root.path))
        }
    }

    @Test func aStoreThatCannotCreateItsFoldersAnswersUnavailable() throws {
        try withTemporaryDirectory { directory in
            // A regular file where the root folder should be.
            let blocker = directory.appendingPathComponent("blobs")
            try Data("not a folder".utf8).write(to: blocker)
            let store = LocalBlobStore(root: blocker, temporaryDirectory: directory.appendingPathComponent("tmp"))
            expectStorageError { _ = try store.store(Data("x".utf8)) }
        }
    }
}
