import Crypto
import Foundation

/// imgproxy-style signatures of `/t/` paths: SIGNATURE = URL-safe base64, without padding, of
/// HMAC-SHA256(key, "ID/OPTIONS"), OPTIONS exactly as written in the path (not canonicalised:
/// the signer vouches for the text it signed).
public struct TransformSignature: Sendable {
    /// Bytes rather than a `SymmetricKey`, which is not `Sendable`.
    private let key: Data

    public init(key: Data) {
        self.key = key
    }

    /// The key as PEEK_TRANSFORM_KEY holds it: its UTF-8 bytes.
    public init(key: String) {
        self.init(key: Data(key.utf8))
    }

    public func sign(id: String, options: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(id)/\(options)".utf8), using: SymmetricKey(data: key))
        return Data(code).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares in constant time; a signature that is not URL-safe base64 is simply wrong.
    public func verify(_ signature: String, id: String, options: String) -> Bool {
        guard signature.count == 43, let code = Self.decode(signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Data("\(id)/\(options)".utf8), using: SymmetricKey(data: key))
    }

    private static func decode(_ signature: String) -> Data? {
        guard signature.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        let standard = signature.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return Data(base64Encoded: standard + String(repeating: "=", count: (4 - standard.count % 4) % 4))
    }
}
