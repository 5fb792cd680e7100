import Foundation
import Testing
import Imaging

@Suite struct SignatureTests {
    // Computed with Python: base64.urlsafe_b64encode(hmac.new(key, msg, hashlib.sha256).digest()).rstrip(b"=").
    @Test(arguments: [
        ("secret", "abc", "resize:fit:300:300", "LE3eRJn0TxGDFEAXmxO-A2QJ11n4NnhEwTyi1YBCju4"),
        ("peek-test-key", "0123456789abcdef", "resize:fill:300:300:face/format:webp", "hgqIlcbU-_ZKLn4Zkdh4UvrcierBSJJpCs6tpy8_bag"),
    ])
    func theSignatureIsURLSafeBase64OfHMACSHA256(key: String, id: String, options: String, expected: String) {
        let signature = TransformSignature(key: key)
        #expect(signature.sign(id: id, options: options) == expected)
        #expect(signature.verify(expected, id: id, options: options))
        #expect(TransformSignature(key: Data(key.utf8)).verify(expected, id: id, options: options))
    }

    @Test func aWrongSignatureIsRefused() {
        let signature = TransformSignature(key: "secret")
        let good = "LE3eRJn0TxGDFEAXmxO-A2QJ11n4NnhEwTyi1YBCju4"
        #expect(!signature.verify(good, id: "abd", options: "resize:fit:300:300"))
        #expect(!signature.verify(good, id: "abc", options: "resize:fit:300:301"))
        #expect(!TransformSignature(key: "other").verify(good, id: "abc", options: "resize:fit:300:300"))
        #expect(!signature.verify(good + "=", id: "abc", options: "resize:fit:300:300"))
        #expect(!signature.verify(good.replacingOccurrences(of: "-", with: "+"), id: "abc", options: "resize:fit:300:300"))
        #expect(!signature.verify(String(good.dropLast()), id: "abc", options: "resize:fit:300:300"))
        #expect(!signature.verify("", id: "abc", options: "resize:fit:300:300"))
        #expect(!signature.verify(String(repeating: "!", count: 43), id: "abc", options: "resize:fit:300:300"))
    }
}
