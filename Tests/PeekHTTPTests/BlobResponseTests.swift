import Foundation
import PeekStore
import Testing
@testable import PeekHTTP

@Suite struct BlobResponseTests {
    private func header(_ response: Response, _ name: String) -> String? {
        response.headers.first { $0.0 == name }?.1
    }

    @Test func aFileIsSentFromTheInternalBlobLocation() {
        let response = Response.blob(.file(relativePath: "ab/cd/abcd"), contentType: "image/png", filename: "x.png")
        #expect(response.status == .ok)
        #expect(header(response, "X-Accel-Redirect") == "/_blobs/ab/cd/abcd")
        #expect(header(response, "Cache-Control") == "public, max-age=31536000, immutable")
    }

    @Test func aBucketObjectIsFetchedByNginxWithTheSignedHeaders() {
        let response = Response.blob(.bucket(path: "peek/blobs/abcd", authorization: "AWS4-HMAC-SHA256 Credential=…",
                                             amzDate: "20261201T000000Z"),
                                     contentType: "image/jpeg", filename: "x.jpg", privacy: .private)
        #expect(header(response, "X-Accel-Redirect") == "/_s3/peek/blobs/abcd")
        #expect(header(response, "X-Peek-S3-Authorization") == "AWS4-HMAC-SHA256 Credential=…")
        #expect(header(response, "X-Peek-S3-Date") == "20261201T000000Z")
        #expect(header(response, "Content-Type") == "image/jpeg")
        #expect(header(response, "Cache-Control") == "private, no-cache")
    }

    @Test func aPublicAddressIsARedirect() throws {
        let url = try #require(URL(string: "https://cdn.example.org/blobs/abcd"))
        let response = Response.blob(.redirect(url), contentType: "image/png", filename: "x.png")
        #expect(response.status == .found)
        #expect(header(response, "Location") == "https://cdn.example.org/blobs/abcd")
        #expect(header(response, "X-Accel-Redirect") == nil)
    }
}
