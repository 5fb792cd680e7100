import Crypto
import Foundation
import ImageInspection
import PeekCore

/// Blobs as objects `blobs/DIGEST` of an S3-compatible bucket (`PEEK_BLOB_STORE=s3`). A PUT is
/// whole or absent (the server checks its SHA-256 and MD5), and it returns before the row naming
/// the blob is committed; a blob already there is not sent again. Downloads for the decoders are
/// checked against their digest. nginx reads objects with a GET signed here (`delivery`).
public struct S3BlobStore: BlobStore {
    static let blobPrefix = "blobs/"
    /// Where a deletion sets a blob aside until it commits (a server-side copy).
    static let discardedPrefix = "discarded/"

    public let settings: S3Settings
    let client: S3Client
    let signer: SigV4Signer
    let temporaryDirectory: URL

    public init(settings: S3Settings, temporaryDirectory: URL) {
        self.settings = settings
        self.client = S3Client(settings: settings)
        self.signer = SigV4Signer(accessKeyID: settings.accessKeyID, secretAccessKey: settings.secretAccessKey,
                                  region: settings.region)
        self.temporaryDirectory = temporaryDirectory
    }

    /// An object's key: `blobs/DIGEST`.
    public static func key(for digest: String) throws(StoreError) -> String {
        guard DataDirectory.isDigest(digest) else { throw .notADigest(digest) }
        return blobPrefix + digest
    }

    public func store(_ bytes: UnsafeRawBufferPointer) throws(StoreError) -> String {
        let digest = SigV4Signer.hex(SHA256.hash(data: bytes))
        let key = try Self.key(for: digest)
        if try client.exists(key) { return digest }
        // The type lets a public bucket serve the object as an image.
        try client.put(key, bytes, contentType: ImageFormat.sniff(bytes)?.mimeType ?? "application/octet-stream")
        return digest
    }

    public func contains(_ digest: String) -> Bool {
        guard let key = try? Self.key(for: digest) else { return false }
        return (try? client.exists(key)) ?? false
    }

    /// Downloaded into the temp folder and checked: a file whose SHA-256 is not its name is never decoded.
    public func localFile(for digest: String) throws(StoreError) -> BlobFile? {
        let key = try Self.key(for: digest)
        let path = temporaryDirectory.appendingPathComponent("download-\(digest.prefix(16))-\(UUID().uuidString)").path
        let descriptor: Int32
        do {
            descriptor = try SystemCall.retrying("create", path) { open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
        } catch {
            throw .storage(error)
        }
        let file = BlobFile(path: path, isTemporary: true)
        defer { close(descriptor) }
        guard try client.download(key, to: descriptor) else { return nil }
        let mapped: MappedFile
        do { mapped = try MappedFile(path: path) } catch { throw .storage(error) }
        let received = mapped.withBytes { SigV4Signer.hex(SHA256.hash(data: $0)) }
        guard received == digest else {
            throw .blobStoreRefused(status: 200, code: "object \(key) does not hold the bytes its name says")
        }
        return file
    }

    /// A public blob is a redirect when the bucket has a public address; otherwise nginx fetches
    /// it with headers signed now (a GET, no payload), which the server accepts for 15 minutes.
    public func delivery(of digest: String, publicly: Bool) throws(StoreError) -> BlobDelivery {
        let key = try Self.key(for: digest)
        if publicly, let base = settings.publicURL {
            var text = base.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            if let url = URL(string: "\(text)/\(key)") { return .redirect(url) }
        }
        let path = "\(settings.bucket)/\(key)"
        let amzDate = SigV4Signer.timestamps(Date()).stamp
        let authorization = signer.authorization(
            method: "GET", path: "/" + path, query: [],
            headers: [("host", settings.host), ("x-amz-content-sha256", SigV4Signer.unsignedPayload), ("x-amz-date", amzDate)],
            payloadHash: SigV4Signer.unsignedPayload, date: Date())
        return .bucket(path: path, authorization: authorization, amzDate: amzDate)
    }

    /// Copied aside on the server and removed, inside the deleting transaction: an upload of the
    /// same bytes that confirms its blob after this finds it absent and writes it again.
    public func discard(_ digest: String) throws(StoreError) -> DiscardedBlob? {
        let key = try Self.key(for: digest)
        let aside = "\(Self.discardedPrefix)\(digest)-\(UUID().uuidString)"
        guard try client.copy(key, to: aside) else { return nil }
        try client.delete(key)
        let client = self.client
        return DiscardedBlob(
            finish: { try? client.delete(aside) },
            restore: { if (try? client.copy(aside, to: key)) == true { try? client.delete(aside) } })
    }

    public func digests(writtenBefore cutoff: Double) throws(StoreError) -> [String] {
        try client.list(prefix: Self.blobPrefix).compactMap { object in
            let name = String(object.key.dropFirst(Self.blobPrefix.count))
            return DataDirectory.isDigest(name) && object.lastModified < cutoff ? name : nil
        }
    }

    public func removeLeftovers(before cutoff: Double) -> Int {
        let stale = ((try? client.list(prefix: Self.discardedPrefix)) ?? []).filter { $0.lastModified < cutoff }
        return stale.filter { (try? client.delete($0.key)) != nil }.count
    }

    /// Whether the bucket answers this key pair (a listing of nothing): `peek-admin check`'s probe.
    public func probe() throws(StoreError) {
        _ = try client.list(prefix: "peek-probe/")
    }
}
