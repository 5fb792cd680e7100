import Foundation
import PeekCore
import PeekTestSupport
import Testing
@testable import PeekStore

@Suite struct RenditionCatalogTests {
    func rendition(_ recipe: String, source: String = String(repeating: "ab", count: 32)) -> Rendition {
        Rendition(sourceSHA256: source, recipe: recipe, blobSHA256: String(repeating: "cd", count: 32),
                  contentType: "image/webp", width: 800, height: 600, byteSize: 1234, createdAt: 1_000_000)
    }

    @Test(arguments: Backend.available)
    func aCompletedJobRecordsItsRenditionsWithItsInsights(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let queue = database.jobQueue(testPolicy)
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            let job = try #require(try queue.claim(owner: "w"))
            let presets = [rendition("preset:thumbnail", source: image.blobSHA256), rendition("preset:web", source: image.blobSHA256)]
            #expect(try queue.complete(job, insightsJSON: "{}", annotatedSHA256: image.blobSHA256, renditions: presets,
                                       processingMs: 3, confirmingBlobs: {}))
            #expect(try database.renditions.rendition(source: image.blobSHA256, recipe: "preset:thumbnail") == presets[0])
            #expect(try database.renditions.rendition(source: image.blobSHA256, recipe: "preset:web") == presets[1])
            #expect(try database.images.imageAndPresets(image.id)?.presets == [.thumbnail, .web])
        }
    }

    @Test(arguments: Backend.available)
    func aRenditionMadeTwiceKeepsTheFirstRecord(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let first = rendition("resize:fit:100:100")
            var second = first
            second.blobSHA256 = String(repeating: "ef", count: 32)
            try database.renditions.record(first, confirmingBlob: {})
            try database.renditions.record(second, confirmingBlob: {})
            #expect(try database.renditions.rendition(source: first.sourceSHA256, recipe: first.recipe) == first)
            #expect(try database.renditions.rendition(source: first.sourceSHA256, recipe: "grayscale") == nil)
        }
    }
}
