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
}
