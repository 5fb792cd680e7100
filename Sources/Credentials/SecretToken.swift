import CSodium
import Crypto
import Foundation

/// A bearer secret: 256 random bits, written as 43 characters of base64url (with an optional
/// prefix that says what it is). Only its SHA-256 is stored: with that much entropy a salted slow
/// hash adds nothing, and a lookup by hash stays one index probe.
public struct SecretToken: Sendable, Equatable {
    public let text: String

    public init(text: String) {
        self.text = text
    }

    /// A new random token.
    public static func generate(prefix: String = "") throws(CredentialsError) -> SecretToken {
        try Sodium.ready()
        var bytes = [UInt8](repeating: 0, count: 32)
        randombytes_buf(&bytes, bytes.count)
        return SecretToken(text: prefix + Self.base64url(bytes))
    }

    /// Whether `text` has the shape of a token with that prefix: 43 characters of base64url after it.
    public static func hasShape(_ text: Substring, prefix: String = "") -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let body = text.utf8.dropFirst(prefix.utf8.count)
        return body.count == 43 && body.allSatisfy { byte in
            (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 95
        }
    }

    /// What the database keeps: the SHA-256 of the token, in hex.
    public var storedHash: String { Self.hex(SHA256.hash(data: Data(text.utf8))) }

    /// The CSRF token of a session: derived from the session token (so it is never stored), and
    /// useless without it.
    public var csrfToken: String {
        Self.base64url(Array(SHA256.hash(data: Data(("peek csrf " + text).utf8))))
    }

    /// Compares two secrets in time independent of where they first differ.
    public static func constantTimeEquals(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
            sodium_memcmp(x.baseAddress, y.baseAddress, a.count) == 0
        } }
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
