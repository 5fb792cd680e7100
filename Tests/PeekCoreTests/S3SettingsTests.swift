import Foundation
import Testing
@testable import PeekCore

@Suite struct S3SettingsTests {
    static let complete = ["PEEK_BLOB_STORE": "s3", "PEEK_S3_ENDPOINT": "http://127.0.0.1:9000",
                           "PEEK_S3_BUCKET": "peek-blobs", "PEEK_S3_ACCESS_KEY_ID": "AKIDEXAMPLE",
                           "PEEK_S3_SECRET_ACCESS_KEY": "s3cret/with+signs"]

    private func message(_ environment: [String: String]) -> String {
        do {
            _ = try PeekConfiguration(environment: environment)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func blobsStayLocalByDefaultWhateverS3SettingsSay() throws {
        #expect(try PeekConfiguration(environment: [:]).s3 == nil)
        var environment = Self.complete
        environment["PEEK_BLOB_STORE"] = "local"
        #expect(try PeekConfiguration(environment: environment).s3 == nil)
    }

    @Test func s3SettingsAreReadWithUSEast1AsTheDefaultRegion() throws {
        let s3 = try #require(try PeekConfiguration(environment: Self.complete).s3)
        #expect(s3.endpointText == "http://127.0.0.1:9000")
        #expect(s3.host == "127.0.0.1:9000")
        #expect(s3.bucket == "peek-blobs")
        #expect(s3.region == "us-east-1")
        #expect(s3.secretAccessKey == "s3cret/with+signs")
        #expect(s3.publicURL == nil)
    }

    @Test func theHostOmitsTheSchemesDefaultPort() throws {
        var environment = Self.complete
        environment["PEEK_S3_ENDPOINT"] = "https://abc.r2.cloudflarestorage.com:443/"
        environment["PEEK_S3_REGION"] = "auto"
        environment["PEEK_S3_PUBLIC_URL"] = "https://pub-123.r2.dev/peek"
        let s3 = try #require(try PeekConfiguration(environment: environment).s3)
        #expect(s3.host == "abc.r2.cloudflarestorage.com")
        #expect(s3.endpointText == "https://abc.r2.cloudflarestorage.com:443")
        #expect(s3.region == "auto")
        #expect(s3.publicURL?.absoluteString == "https://pub-123.r2.dev/peek")
    }

    @Test func eachMissingSettingIsNamedAndNoKeyIsEverShown() {
        for name in ["PEEK_S3_ENDPOINT", "PEEK_S3_BUCKET", "PEEK_S3_ACCESS_KEY_ID", "PEEK_S3_SECRET_ACCESS_KEY"] {
            var environment = Self.complete
            environment[name] = nil
            let text = message(environment)
            #expect(text == "PEEK_BLOB_STORE=s3 needs \(name)")
            #expect(!text.contains("s3cret") && !text.contains("AKIDEXAMPLE"))
        }
    }

    @Test func badValuesAreRefusedByName() {
        let cases = [("PEEK_BLOB_STORE", "bucket"), ("PEEK_S3_ENDPOINT", "ftp://host"), ("PEEK_S3_ENDPOINT", "http://host/path"),
                     ("PEEK_S3_ENDPOINT", "http://user:pass@host"), ("PEEK_S3_BUCKET", "Peek_Blobs"), ("PEEK_S3_BUCKET", "ab"),
                     ("PEEK_S3_BUCKET", "a/b-c"), ("PEEK_S3_REGION", "us east"), ("PEEK_S3_PUBLIC_URL", "pub.example")]
        for (name, value) in cases {
            var environment = Self.complete
            environment[name] = value
            let text = message(environment)
            #expect(text.hasPrefix("\(name)="), "\(name)=\(value): \(text)")
            #expect(!text.contains("s3cret"))
        }
    }
}
