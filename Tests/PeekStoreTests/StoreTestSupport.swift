import Testing
@testable import PeekStore

extension SQLiteJobQueue {
    /// The image row the queue's database holds for `id`.
    func image(_ id: String) throws -> ImageRecord? {
        try SQLiteImageCatalog(writer: writer).image(id)
    }
}

/// Expects `body` to fail because a file of the store could not be written.
func expectStorageError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    let error = #expect(throws: StoreError.self, sourceLocation: sourceLocation) { try body() }
    guard case .storage = error else {
        Issue.record("expected a storage error, got \(error.map { "\($0)" } ?? "none")", sourceLocation: sourceLocation)
        return
    }
}
