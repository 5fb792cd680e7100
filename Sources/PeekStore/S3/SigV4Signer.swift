import Crypto
import Foundation

/// AWS Signature Version 4 computed in Swift (swift-crypto's HMAC-SHA256): the signed headers of
/// a GET that nginx sends to the bucket on a blob's behalf, so that the key pair never leaves the
/// function and nginx needs no module of its own. The canonical query is shared with the requests
/// libcurl signs, because curl 7.88 signs a query as it is written.
public struct SigV4Signer: Sendable {
    public let accessKeyID: String
    let secretAccessKey: String
    public let region: String
    public let service: String

    /// The payload hash of a request whose body is not signed (a GET has none anyway).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public init(accessKeyID: String, secretAccessKey: String, region: String, service: String = "s3") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// The `Authorization` header of a request: `headers` must hold every header to sign,
    /// `host` and `x-amz-date` among them; `path` is the URI as sent (segments encoded).
    public func authorization(method: String, path: String, query: [(String, String)], headers: [(String, String)],
                              payloadHash: String, date: Date) -> String {
        let canonicalHeaders = headers
            .map { ($0.0.lowercased(), $0.1.trimmingCharacters(in: .whitespaces)) }
            .sorted { $0.0 < $1.0 }
        let signedHeaders = canonicalHeaders.map(\.0).joined(separator: ";")
        let canonicalRequest = [
            method, path, Self.canonicalQuery(query),
            canonicalHeaders.map { "\($0.0):\($0.1)\n" }.joined(),
            signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let (day, stamp) = Self.timestamps(date)
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))]
            .joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(day: day)))
        return "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    /// The key of one day, region and service, derived from the secret.
    func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// The query as SigV4 wants it: each name and value URI-encoded, sorted by name then value,
    /// `a=b` pairs joined by `&` (a name without a value keeps its `=`).
    public static func canonicalQuery(_ query: [(String, String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { (encode($0.0), encode($0.1)) }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// RFC 3986 encoding as SigV4 defines it: every byte but `A-Z a-z 0-9 - _ . ~` as `%XX`
    /// (upper-case hex); with `keepingSlashes`, a path's `/` stays.
    public static func encode(_ text: String, keepingSlashes: Bool = false) -> String {
        var result = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) || (keepingSlashes && byte == 0x2F) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)

    /// `20130524` and `20130524T000000Z` of a moment, in UTC.
    static func timestamps(_ date: Date) -> (day: String, stamp: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
        return (day, day + String(format: "T%02d%02d%02dZ", parts.hour!, parts.minute!, parts.second!))
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
