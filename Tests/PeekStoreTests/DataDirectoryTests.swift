import Foundation
import PeekCore
import Testing
@testable import PeekStore

@Suite struct DataDirectoryTests {
    @Test func derivedPathsLiveInsideTheDataDirectory() throws {
        let directory = DataDirectory(configuration: try PeekConfiguration(environment: ["PEEK_DATA_DIR": "/srv/peek"]))
        #expect(directory.database.path == "/srv/peek/peek.sqlite")
        #expect(directory.blobs.path == "/srv/peek/blobs")
        #expect(directory.temporary.path == "/srv/peek/tmp")
    }

    @Test func aBlobIsShardedByTheFirstFourHexDigitsOfItsDigest() throws {
        let digest = "ab" + "cd" + String(repeating: "0", count: 60)
        #expect(try DataDirectory.blobRelativePath(for: digest) == "ab/cd/\(digest)")
        #expect(throws: StoreError.notADigest("../etc/passwd")) { try DataDirectory.blobRelativePath(for: "../etc/passwd") }
    }
}
