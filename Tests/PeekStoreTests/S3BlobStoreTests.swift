import Foundation
import PeekCore
import Testing
@testable import PeekStore

/// What the S3 store decides without a server (the requests themselves are tested against moto
/// in Tests/IntegrationTests/test_s3.py).
@Suite struct S3BlobStoreTests {
    static let digest = String(repeating: "ab", count: 32)

    private func store(publicURL: String? = nil) -> S3BlobStore {
        S3BlobStore(settings: S3Settings(endpoint: URL(string: "http://127.0.0.1:9000")!, bucket: "peek-blobs",
                                         region: "us-east-1", accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cret",
                                         publicURL: publicURL.flatMap(URL.init(string:))),
                    temporaryDirectory: FileManager.default.temporaryDirectory)
    }

    @Test func blobsAreKeyedByTheirDigestAndNothingElseBecomesAKey() throws {
        #expect(try S3BlobStore.key(for: Self.digest) == "blobs/\(Self.digest)")
        for text in ["../etc/passwd", "ABAB", Self.digest.uppercased(), ""] {
            #expect(throws: StoreError.notADigest(text)) { _ = try S3BlobStore.key(for: text) }
        }
    }

    @Test func nginxGetsASignedGetOfTheObjectAndNeverTheSecret() throws {
        guard case .bucket(let path, let authorization, let amzDate) = try store().delivery(of: Self.digest, publicly: true) else {
            Issue.record("not a bucket delivery")
            return
        }
        #expect(path == "peek-blobs/blobs/\(Self.digest)")
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(amzDate.prefix(8))/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="))
        #expect(!authorization.contains("s3cret"))
    }

    @Test func onlyPublicBlobsAreRedirectedToThePublicAddress() throws {
        let store = store(publicURL: "https://cdn.example.org/peek/")
        #expect(try store.delivery(of: Self.digest, publicly: true)
            == .redirect(URL(string: "https://cdn.example.org/peek/blobs/\(Self.digest)")!))
        guard case .bucket = try store.delivery(of: Self.digest, publicly: false) else {
            Issue.record("a private blob left for the public address")
            return
        }
    }

    @Test func listingsAreReadFromS3sXML() {
        let page = Data("""
            <ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>blobs/a&amp;b</Key>\
            <LastModified>2026-12-01T14:04:10.000Z</LastModified></Contents><NextContinuationToken>t&lt;1</NextContinuationToken>\
            </ListBucketResult>
            """.utf8)
        let contents = S3XML.elements("Contents", in: page)
        #expect(contents.count == 1)
        #expect(S3XML.values(of: "Key", in: contents[0]) == ["blobs/a&b"])
        #expect(S3XML.values(of: "NextContinuationToken", in: page) == ["t<1"])
        #expect(S3Client.parseDate("2026-12-01T14:04:10.000Z") == 1_796_133_850)
        #expect(S3Client.parseDate("2026-12-01T14:04:10Z") == 1_796_133_850)
    }
}
