import Foundation
import Testing
@testable import PeekHTTP
import PeekCore

@Suite struct ResponseTests {
    @Test func anErrorIsAJSONBodyWithItsStatusAndPublicMessageOnly() throws {
        let response = Response.error(PublicError(.unprocessableEntity, "the image is damaged", detail: "libpng: IDAT CRC error"))
        #expect(response.status == .unprocessableEntity)
        #expect(response.headers.contains { $0 == ("Content-Type", "application/json") })
        let body = try JSONSerialization.jsonObject(with: response.body) as? [String: String]
        #expect(body == ["error": "the image is damaged"])
        #expect(!String(decoding: response.body, as: UTF8.self).contains("libpng"))
    }

    @Test func methodNotAllowedCarriesAnAllowHeader() {
        let response = Response.error(PublicError(RequestError.methodNotAllowed(method: "DELETE", allowed: ["GET", "HEAD"])))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers.contains { $0 == ("Allow", "GET, HEAD") })
    }

    @Test func theCGIFormHasAStatusLineHeadersLengthAndBody() {
        let response = Response.json(.accepted, Data(#"{"id":"x"}"#.utf8), headers: [("X-Test", "1")])
        let wire = String(decoding: response.serialized(), as: UTF8.self)
        #expect(wire == "Status: 202 Accepted\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nX-Test: 1\r\n"
                     + "Content-Length: 10\r\n\r\n{\"id\":\"x\"}")
    }

    @Test func aHeadAnswerHasTheHeadersButNoBody() {
        let wire = String(decoding: Response.error(PublicError(.notFound, "no such image")).serialized(includeBody: false), as: UTF8.self)
        #expect(wire.hasPrefix("Status: 404 Not Found\r\n"))
        #expect(wire.hasSuffix("\r\n\r\n"))
        #expect(!wire.contains("no such image"))
    }

    @Test func jsonKeepsSlashesAndSortsKeys() {
        let json = String(decoding: JSON.encode(["b": "image/png", "a": "x"]), as: UTF8.self)
        #expect(json == #"{"a":"x","b":"image/png"}"#)
    }

    @Test func everyErrorStatusHasItsReasonPhrase() {
        let statuses: [(HTTPStatus, String)] = [
            (.badRequest, "Bad Request"), (.notFound, "Not Found"), (.methodNotAllowed, "Method Not Allowed"),
            (.payloadTooLarge, "Payload Too Large"), (.unsupportedMediaType, "Unsupported Media Type"),
            (.unprocessableEntity, "Unprocessable Entity"), (.tooManyRequests, "Too Many Requests"),
            (.internalServerError, "Internal Server Error"), (.serviceUnavailable, "Service Unavailable"),
        ]
        for (status, phrase) in statuses {
            #expect(status.reasonPhrase == phrase)
        }
    }
}
