import Foundation
import PeekCore
import PeekStore
import PeekTestSupport
import ResultsFunction
import Testing

@Suite struct ResultsHandlerTests {
    @Test func aQueuedImageIs202Processing() throws {
        try FunctionFixture.with { fixture in
            let image = try fixture.queuedImage()
            let answer = fixture.respond(ResultsHandler(configuration: fixture.configuration),
                                         request("GET", "/api/results/\(image.id)"))
            #expect(answer.status == 202)
            #expect(answer.json["status"] as? String == "processing")
            #expect(answer.json["insights"] == nil)
        }
    }

    @Test func aCompletedImageCarriesTheStoredInsightsAndItsLinks() throws {
        try FunctionFixture.with { fixture in
            let image = try fixture.queuedImage()
            let queue = try fixture.database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3))
            let job = try #require(try queue.claim(owner: "test"))
            let thumbnail = Rendition(sourceSHA256: image.blobSHA256, recipe: Preset.thumbnail.recipe,
                                      blobSHA256: image.blobSHA256, contentType: "image/webp", width: 1, height: 1,
                                      byteSize: 40, createdAt: 1_000_000)
            #expect(try queue.complete(job, insightsJSON: #"{"brightness":128,"processing_ms":7}"#,
                                       annotatedSHA256: image.blobSHA256, renditions: [thumbnail], processingMs: 7, confirmingBlobs: {}))
            let answer = fixture.respond(ResultsHandler(configuration: fixture.configuration),
                                         request("GET", "/api/results/\(image.id)"))
            #expect(answer.status == 200)
            let insights = try #require(answer.json["insights"] as? [String: Any])
            #expect(insights["brightness"] as? Int == 128)
            #expect(insights["processing_ms"] as? Int == 7)
            let links = try #require(answer.json["links"] as? [String: String])
            #expect(links["annotated"] == "/api/image/\(image.id)/annotated")
            #expect(links["thumbnail"] == "/api/image/\(image.id)/thumbnail")
            #expect(links["web"] == nil)
        }
    }

    @Test func anUnknownIDIs404AndAMalformedOneIs400() throws {
        try FunctionFixture.with { fixture in
            let handler = ResultsHandler(configuration: fixture.configuration)
            #expect(fixture.respond(handler, request("GET", "/api/results/\(ImageID.generate())")).status == 404)
            #expect(fixture.respond(handler, request("GET", "/api/results/..%2F..%2Fetc")).status == 400)
            #expect(fixture.respond(handler, request("GET", "/api/results/\(ImageID.generate())/more")).status == 404)
        }
    }
}
