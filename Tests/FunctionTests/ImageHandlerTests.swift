import Foundation
import ImageFunction
import PeekStore
import PeekTestSupport
import Testing

@Suite struct ImageHandlerTests {
    @Test func theOriginalIsHandedToNginxByItsBlobPathWithItsType() throws {
        try FunctionFixture.with { fixture in
            let image = try fixture.queuedImage()
            let answer = fixture.respond(ImageHandler(configuration: fixture.configuration),
                                         request("GET", "/api/image/\(image.id)/original"))
            #expect(answer.status == 200)
            let digest = image.blobSHA256
            #expect(answer.headers["X-Accel-Redirect"] == "/_blobs/\(digest.prefix(2))/\(digest.dropFirst(2).prefix(2))/\(digest)")
            #expect(answer.headers["Content-Type"] == "image/png")
            #expect(answer.body.isEmpty)
        }
    }

    @Test func theAnnotatedCopyIs404UntilTheAnalysisMadeIt() throws {
        try FunctionFixture.with { fixture in
            let image = try fixture.queuedImage()
            let answer = fixture.respond(ImageHandler(configuration: fixture.configuration),
                                         request("GET", "/api/image/\(image.id)/annotated"))
            #expect(answer.status == 404)
            #expect(answer.error.contains("not ready"))
        }
    }

    @Test func anotherVariantIsAnUnknownRoute() throws {
        try FunctionFixture.with { fixture in
            let image = try fixture.queuedImage()
            let answer = fixture.respond(ImageHandler(configuration: fixture.configuration),
                                         request("GET", "/api/image/\(image.id)/secret"))
            #expect(answer.status == 404)
            #expect(answer.error.contains("no such route"))
        }
    }

    @Test func aPresetIsServedFromItsRenditionOnceTheJobCompleted() throws {
        try FunctionFixture.with { fixture in
            let image = try fixture.queuedImage()
            let handler = ImageHandler(configuration: fixture.configuration)
            #expect(fixture.respond(handler, request("GET", "/api/image/\(image.id)/thumbnail")).error.contains("not ready"))
            let thumbnail = Rendition(sourceSHA256: image.blobSHA256, recipe: Preset.thumbnail.recipe,
                                      blobSHA256: String(repeating: "cd", count: 32), contentType: "image/webp",
                                      width: 800, height: 600, byteSize: 100, createdAt: 1_000_000)
            let queue = try fixture.database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3))
            let job = try #require(try queue.claim(owner: "test"))
            #expect(try queue.complete(job, insightsJSON: "{}", annotatedSHA256: image.blobSHA256, renditions: [thumbnail],
                                       processingMs: 1, confirmingBlobs: {}))
            let answer = fixture.respond(handler, request("GET", "/api/image/\(image.id)/thumbnail"))
            #expect(answer.status == 200)
            #expect(answer.headers["X-Accel-Redirect"] == "/_blobs/cd/cd/\(thumbnail.blobSHA256)")
            #expect(answer.headers["Content-Type"] == "image/webp")
            #expect(answer.headers["Cache-Control"] == "public, max-age=31536000, immutable")
            let web = fixture.respond(handler, request("GET", "/api/image/\(image.id)/web"))
            #expect(web.status == 404 && web.error == "this image has no web-sized copy")
        }
    }
}
