import Foundation

/// Where blobs live when `PEEK_BLOB_STORE=s3`: an S3-compatible bucket (AWS S3, Cloudflare R2,
/// MinIO) addressed path-style, `ENDPOINT/BUCKET/KEY`. The secret key is never printed or logged.
public struct S3Settings: Sendable, Equatable {
    /// `scheme://host[:port]`, no path: the service's address.
    public var endpoint: URL
    public var bucket: String
    /// The region the requests are signed for (`auto` for Cloudflare R2).
    public var region: String
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Where the bucket is readable by anyone (`PEEK_S3_PUBLIC_URL`); nil keeps every read behind nginx.
    public var publicURL: URL?

    public init(endpoint: URL, bucket: String, region: String, accessKeyID: String, secretAccessKey: String,
                publicURL: URL? = nil) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.publicURL = publicURL
    }

    /// The `Host` requests are signed with and sent to: the host, and the port when it is not
    /// the scheme's default (as nginx's `$proxy_host` and curl write it).
    public var host: String {
        let components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false)
        let name = components?.host ?? ""
        guard let port = components?.port else { return name }
        let isDefault = (components?.scheme == "http" && port == 80) || (components?.scheme == "https" && port == 443)
        return isDefault ? name : "\(name):\(port)"
    }

    /// The endpoint as written, without a trailing slash (nginx's `proxy_pass` target).
    public var endpointText: String {
        var text = endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Checks an endpoint or public URL: http or https, a host, nothing after it but a `/`.
    static func url(_ text: String, named name: String, allowingPath: Bool) throws -> URL {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil, components.user == nil,
              allowingPath || components.path.isEmpty || components.path == "/", let url = components.url else {
            throw ConfigurationError(message: "\(name)=\(text.prefix(80)) is not an http:// or https:// address"
                                     + (allowingPath ? "" : " without a path"))
        }
        return url
    }

    /// S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens, beginning
    /// and ending with a letter or digit (so that the name is one path segment as it stands).
    static func checkBucket(_ bucket: String, named name: String) throws {
        let bytes = Array(bucket.utf8)
        let allowed = bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 46 || $0 == 45 }
        let edgesOK = bytes.first.map(isAlphanumeric) == true && bytes.last.map(isAlphanumeric) == true
        guard (3...63).contains(bytes.count), allowed, edgesOK else {
            throw ConfigurationError(message: "\(name)=\(bucket.prefix(80)) is not a bucket name "
                                     + "(3 to 63 lowercase letters, digits, dots and hyphens)")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (97...122).contains(byte) || (48...57).contains(byte)
    }
}
