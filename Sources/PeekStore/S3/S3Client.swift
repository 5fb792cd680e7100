import Crypto
import Foundation
import PeekCore

/// The S3 operations the blob store needs, path-style (`ENDPOINT/BUCKET/KEY`), each signed by
/// libcurl with SigV4 and retried with backoff when the server is down or answers 5xx.
/// curl 7.88 neither adds `x-amz-content-sha256` nor sorts a query: both are done here.
struct S3Client: Sendable {
    /// One listed object.
    struct Object: Equatable {
        var key: String
        /// Seconds since 1970.
        var lastModified: Double
    }

    let settings: S3Settings
    /// Waits before the second and third attempts; a server that is down costs well under a second.
    let backoffSeconds: [Double]
    let handles: CurlHandlePool

    init(settings: S3Settings, backoffSeconds: [Double] = [0.1, 0.4], handles: CurlHandlePool = .shared) {
        self.settings = settings
        self.backoffSeconds = backoffSeconds
        self.handles = handles
    }

    static let emptyPayloadHash = SigV4Signer.hex(SHA256.hash(data: Data()))

    /// Stores `bytes` under `key`. The server checks the body against its SHA-256 (signed) and
    /// Content-MD5 and refuses a body that arrived changed; the ETag it answers is checked too.
    func put(_ key: String, _ bytes: UnsafeRawBufferPointer, contentType: String) throws(StoreError) {
        let md5 = Insecure.MD5.hash(data: bytes)
        let headers = [("x-amz-content-sha256", SigV4Signer.hex(SHA256.hash(data: bytes))),
                       ("Content-MD5", Data(md5).base64EncodedString()), ("Content-Type", contentType)]
        let reply = try send("PUT", key: key, headers: headers, body: bytes, timeoutSeconds: 60)
        guard reply.status == 200 else { throw refusal(reply) }
        let etag = reply.headers["etag"]?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) ?? ""
        if etag.count == 32, etag.lowercased() != SigV4Signer.hex(md5) {
            throw .blobStoreRefused(status: reply.status, code: "the stored object's ETag is not the body's MD5")
        }
    }

    /// Whether `key` exists.
    func exists(_ key: String) throws(StoreError) -> Bool {
        let reply = try send("HEAD", key: key)
        switch reply.status {
        case 200: return true
        case 404: return false
        // A HEAD's refusal has no body to name its reason; a GET's error document does.
        case 403: throw refusal(try send("GET", key: key))
        default: throw refusal(reply)
        }
    }

    /// Writes the object to `descriptor`; false when there is no such object.
    func download(_ key: String, to descriptor: Int32) throws(StoreError) -> Bool {
        let reply = try send("GET", key: key, sink: .file(descriptor), timeoutSeconds: 120) {
            ftruncate(descriptor, 0) == 0 && lseek(descriptor, 0, SEEK_SET) == 0
        }
        switch reply.status {
        case 200: return true
        case 404: return false
        default: throw refusal(reply)
        }
    }

    /// Removes `key` (nothing happens when it is absent).
    func delete(_ key: String) throws(StoreError) {
        let reply = try send("DELETE", key: key)
        guard [200, 204, 404].contains(reply.status) else { throw refusal(reply) }
    }

    /// Copies `source` to `key` on the server; false when there is no `source`.
    func copy(_ source: String, to key: String) throws(StoreError) -> Bool {
        let headers = [("x-amz-copy-source", "/\(settings.bucket)/\(SigV4Signer.encode(source, keepingSlashes: true))")]
        let reply = try send("PUT", key: key, headers: headers, body: UnsafeRawBufferPointer(start: nil, count: 0))
        switch reply.status {
        // A copy may fail after its 200 has been sent: the error is then in the body.
        case 200 where S3XML.values(of: "Code", in: reply.body).isEmpty: return true
        case 404: return false
        default: throw refusal(reply)
        }
    }

    /// Every object whose key starts with `prefix`, page by page (ListObjectsV2).
    func list(prefix: String) throws(StoreError) -> [Object] {
        var objects: [Object] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let reply = try send("GET", key: nil, query: query)
            guard reply.status == 200 else { throw refusal(reply) }
            for element in S3XML.elements("Contents", in: reply.body) {
                guard let key = S3XML.values(of: "Key", in: element).first else { continue }
                let modified = S3XML.values(of: "LastModified", in: element).first.flatMap(Self.parseDate) ?? 0
                objects.append(Object(key: key, lastModified: modified))
            }
            let truncated = S3XML.values(of: "IsTruncated", in: reply.body).first == "true"
            token = truncated ? S3XML.values(of: "NextContinuationToken", in: reply.body).first : nil
        } while token != nil
        return objects
    }

    /// A request to the bucket (or one of its keys), retried on transient failures. `rewind`
    /// readies a download's file for another attempt. The time limits keep a request that met a
    /// server hanging, with its retries, within the 30 s nginx gives a function.
    private func send(_ method: String, key: String?, query: [(String, String)] = [], headers: [(String, String)] = [],
                      body: UnsafeRawBufferPointer? = nil, sink: CurlTransfer.Sink = .memory, timeoutSeconds: Int = 8,
                      rewind: () -> Bool = { true }) throws(StoreError) -> CurlTransfer.Reply {
        var url = "\(settings.endpointText)/\(settings.bucket)"
        if let key { url += "/" + SigV4Signer.encode(key, keepingSlashes: true) }
        if !query.isEmpty { url += "?" + SigV4Signer.canonicalQuery(query) }
        var signed = headers
        if !signed.contains(where: { $0.0 == "x-amz-content-sha256" }) {
            signed.append(("x-amz-content-sha256", Self.emptyPayloadHash))
        }
        let signing = (scope: "aws:amz:\(settings.region):s3", accessKeyID: settings.accessKeyID,
                       secretAccessKey: settings.secretAccessKey)
        var lastProblem = ""
        for attempt in 0...backoffSeconds.count {
            if attempt > 0 {
                Thread.sleep(forTimeInterval: backoffSeconds[attempt - 1])
                guard rewind() else { break }
            }
            do {
                let reply = try handles.with { transfer throws(CurlTransfer.Failure) in
                    try transfer.perform(method: method, url: url, headers: signed, body: body, signing: signing,
                                         sink: sink, timeoutSeconds: timeoutSeconds)
                }
                guard S3Failure.isTransient(reply.status) else { return reply }
                lastProblem = "\(reply.status) \(S3Failure.code(of: reply))"
            } catch {
                lastProblem = error.description
            }
        }
        throw .blobStoreUnavailable(reason: "\(method) \(key ?? settings.bucket): \(lastProblem)")
    }

    private func refusal(_ reply: CurlTransfer.Reply) -> StoreError {
        .blobStoreRefused(status: reply.status, code: S3Failure.code(of: reply))
    }

    /// `2026-11-21T03:00:00.000Z` as seconds since 1970.
    static func parseDate(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
