import Foundation
import PeekHTTP
import Logging
import PeekTestSupport
import Testing
import TransformFunction

@Suite struct TransformHandlerTests {
    func post(_ options: String, _ image: [UInt8]) -> Request {
        let boundary = "peek-test-boundary"
        let body = multipartBody(boundary: boundary, [.field("image", filename: "a.jpg", contentType: "image/jpeg", body: image)])
        return request("POST", "/api/transform/\(options)", contentType: "multipart/form-data; boundary=\(boundary)", body: body)
    }

    @Test func anUploadComesBackTransformedAndNothingIsStored() throws {
        try FunctionFixture.with { fixture in
            let photo = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/doc/opencv-doc/examples/data/messi5.jpg")))
            let handler = TransformHandler(configuration: fixture.configuration, logger: Logger(label: "test"))
            let answer = fixture.respond(handler, post("resize:fit:50:50/format:webp", photo))
            #expect(answer.status == 200)
            #expect(answer.headers["Content-Type"] == "image/webp")
            #expect(answer.body.count > 12 && answer.body[8..<12] == Data("WEBP".utf8))
            #expect(regularFiles(under: fixture.directory.blobs).isEmpty)
        }
    }

    @Test func anImageOverThePixelLimitIsRefusedBeforeDecoding() throws {
        try FunctionFixture.with(["MAX_PIXELS": "100"]) { fixture in
            let handler = TransformHandler(configuration: fixture.configuration, logger: Logger(label: "test"))
            let answer = fixture.respond(handler, post("grayscale", ImageBytes.png(width: 20, height: 20)))
            #expect(answer.status == 413)
        }
    }

    @Test func optionsThatStartWithAModifierAreABadStepNotAnUnknownRoute() throws {
        try FunctionFixture.with { fixture in
            let handler = TransformHandler(configuration: fixture.configuration, logger: Logger(label: "test"))
            let answer = fixture.respond(handler, post("\u{1F3FB}", ImageBytes.png(width: 2, height: 2)))
            #expect(answer.status == 400)
        }
    }
}
