import Foundation
import PeekHTTP
import Logging
import PeekStore
import RenditionFunction
import Testing

@Suite struct RenditionHandlerTests {
    func handler(_ fixture: FunctionFixture) -> RenditionHandler {
        RenditionHandler(configuration: fixture.configuration, logger: Logger(label: "test"))
    }

    @Test func aTransformIsStoredByCanonicalRecipeAndServedByNginx() throws {
        try FunctionFixture.with { fixture in
            let photo = try fixture.queuedPhoto()
            let answer = fixture.respond(handler(fixture), request("GET", "/api/image/\(photo.id)/t/RESIZE:fit:100:100/format:PNG"))
            #expect(answer.status == 200)
            #expect(answer.headers["Content-Type"] == "image/png")
            let stored = try #require(try fixture.database.renditions.rendition(source: photo.blobSHA256,
                                                                                recipe: "resize:fit:100:100/format:png"))
            #expect(stored.width == 100 && stored.height == 62)
            #expect(answer.headers["X-Accel-Redirect"]?.hasSuffix(stored.blobSHA256) == true)
        }
    }

    @Test func aBadStepIs400AndNamesIt() throws {
        try FunctionFixture.with { fixture in
            let photo = try fixture.queuedPhoto()
            let answer = fixture.respond(handler(fixture), request("GET", "/api/image/\(photo.id)/t/rotate:45"))
            #expect(answer.status == 400)
            #expect(answer.error.hasPrefix("rotate:45"))
        }
    }

    @Test func withAKeyAnUnsignedOrWronglySignedPathIs403() throws {
        try FunctionFixture.with(["TRANSFORM_KEY": "secret"]) { fixture in
            let photo = try fixture.queuedPhoto()
            #expect(fixture.respond(handler(fixture), request("GET", "/api/image/\(photo.id)/t/grayscale")).status == 403)
            #expect(fixture.respond(handler(fixture), request("GET", "/api/image/\(photo.id)/t/c2lnbmF0dXJl/grayscale")).status == 403)
        }
    }
}
