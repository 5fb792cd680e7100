import Foundation
import Testing
@testable import PeekStore

/// The signer against the examples AWS publishes for S3 ("Signature Calculations for the
/// Authorization Header" and "Authenticating Requests: Using Query Parameters"): the example key
/// pair, bucket `examplebucket`, 24 May 2013 at midnight UTC.
@Suite struct SigV4SignerTests {
    static let signer = SigV4Signer(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1")
    static let date = Date(timeIntervalSince1970: 1_369_353_600)
    static let host = ("host", "examplebucket.s3.amazonaws.com")
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    private func signature(_ authorization: String) -> String {
        String(authorization.split(separator: "Signature=").last ?? "")
    }

    @Test func signsAWSsGetObjectExample() {
        let authorization = Self.signer.authorization(
            method: "GET", path: "/test.txt", query: [],
            headers: [Self.host, ("Range", "bytes=0-9"), ("x-amz-content-sha256", Self.emptyHash),
                      ("x-amz-date", "20130524T000000Z")],
            payloadHash: Self.emptyHash, date: Self.date)
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func signsAWSsPutObjectExampleWithAnEncodedKey() {
        let payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        let authorization = Self.signer.authorization(
            method: "PUT", path: "/" + SigV4Signer.encode("test$file.text", keepingSlashes: true), query: [],
            headers: [("Date", "Fri, 24 May 2013 00:00:00 GMT"), Self.host, ("x-amz-date", "20130524T000000Z"),
                      ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", payloadHash)],
            payloadHash: payloadHash, date: Self.date)
        #expect(authorization.contains("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"))
        #expect(signature(authorization) == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test func signsAWSsGetBucketLifecycleExample() {
        let authorization = Self.signer.authorization(
            method: "GET", path: "/", query: [("lifecycle", "")],
            headers: [Self.host, ("x-amz-content-sha256", Self.emptyHash), ("x-amz-date", "20130524T000000Z")],
            payloadHash: Self.emptyHash, date: Self.date)
        #expect(signature(authorization) == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func signsAWSsListObjectsExampleWhateverTheQueryOrder() {
        for query in [[("max-keys", "2"), ("prefix", "J")], [("prefix", "J"), ("max-keys", "2")]] {
            let authorization = Self.signer.authorization(
                method: "GET", path: "/", query: query,
                headers: [Self.host, ("x-amz-content-sha256", Self.emptyHash), ("x-amz-date", "20130524T000000Z")],
                payloadHash: Self.emptyHash, date: Self.date)
            #expect(signature(authorization) == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
        }
    }

    /// The query-parameter example: the same canonical request with the credential in the query
    /// (its `/` encoded) and an unsigned payload.
    @Test func signsAWSsPresignedURLExample() {
        let query = [("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
                     ("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
                     ("X-Amz-Date", "20130524T000000Z"), ("X-Amz-Expires", "86400"), ("X-Amz-SignedHeaders", "host")]
        let authorization = Self.signer.authorization(method: "GET", path: "/test.txt", query: query, headers: [Self.host],
                                                      payloadHash: SigV4Signer.unsignedPayload, date: Self.date)
        #expect(signature(authorization) == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func aWrongSecretGivesAnotherSignature() {
        let wrong = SigV4Signer(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "not the key", region: "us-east-1")
        let headers = [Self.host, ("x-amz-content-sha256", Self.emptyHash), ("x-amz-date", "20130524T000000Z")]
        #expect(wrong.authorization(method: "GET", path: "/", query: [], headers: headers, payloadHash: Self.emptyHash, date: Self.date)
            != Self.signer.authorization(method: "GET", path: "/", query: [], headers: headers, payloadHash: Self.emptyHash, date: Self.date))
    }

    @Test func canonicalQueriesAreSortedAndEncoded() {
        #expect(SigV4Signer.canonicalQuery([("prefix", "blobs/"), ("list-type", "2")]) == "list-type=2&prefix=blobs%2F")
        #expect(SigV4Signer.canonicalQuery([("b", "2"), ("a", "z"), ("a", "y")]) == "a=y&a=z&b=2")
        #expect(SigV4Signer.canonicalQuery([("lifecycle", "")]) == "lifecycle=")
        #expect(SigV4Signer.canonicalQuery([("token", "a b+c=d&e~f_g.h-i")]) == "token=a%20b%2Bc%3Dd%26e~f_g.h-i")
        #expect(SigV4Signer.canonicalQuery([("k", "é")]) == "k=%C3%A9")
        #expect(SigV4Signer.canonicalQuery([]) == "")
    }

    @Test func pathsKeepTheirSlashesAndEncodeTheRest() {
        #expect(SigV4Signer.encode("blobs/ab cd$", keepingSlashes: true) == "blobs/ab%20cd%24")
        #expect(SigV4Signer.encode("blobs/ab") == "blobs%2Fab")
    }

    @Test func timestampsAreUTC() {
        #expect(SigV4Signer.timestamps(Self.date) == (day: "20130524", stamp: "20130524T000000Z"))
        #expect(SigV4Signer.timestamps(Date(timeIntervalSince1970: 1_764_594_123)).stamp == "20251201T130203Z")
    }
}
