import Foundation
import PeekStore

extension Response {
    /// nginx's internal location that maps onto the blob folder.
    static let blobLocation = "/_blobs/"
    /// nginx's internal location that proxies to the S3 endpoint (`ENDPOINT/BUCKET/KEY`).
    static let bucketLocation = "/_s3/"

    /// Who may keep a copy of a blob's answer.
    public enum BlobPrivacy: Sendable {
        /// Anyone, for good: blobs are named by content, what a URL names never changes.
        case `public`
        /// Only the browser, which asks again each time (a 304 when unchanged).
        case `private`

        var cacheControl: String {
            switch self {
            case .public: "public, max-age=31536000, immutable"
            case .private: "private, no-cache"
            }
        }
    }

    /// A blob sent by nginx itself (`X-Accel-Redirect`, with its ETag and 304s), so image bytes
    /// never pass through a function: from the blob folder, or fetched from the bucket with the
    /// signed headers given here (nginx copies them into its request and drops them from the
    /// answer). A public blob of a bucket with a public address is a redirect to it instead.
    public static func blob(_ delivery: BlobDelivery, contentType: String, filename: String,
                            privacy: BlobPrivacy = .public) -> Response {
        let described = [("Content-Type", contentType), ("Cache-Control", privacy.cacheControl),
                         ("Content-Disposition", "inline; filename=\"\(filename)\"")]
        switch delivery {
        case .file(let relativePath):
            return Response(status: .ok, headers: [("X-Accel-Redirect", blobLocation + relativePath)] + described)
        case .bucket(let path, let authorization, let amzDate):
            return Response(status: .ok, headers: [
                ("X-Accel-Redirect", bucketLocation + path),
                ("X-Peek-S3-Authorization", authorization), ("X-Peek-S3-Date", amzDate),
            ] + described)
        case .redirect(let url):
            return Response(status: .found, headers: [("Location", url.absoluteString),
                                                      ("Cache-Control", privacy.cacheControl)])
        }
    }

    /// The blob of `digest` as `blob(_:…)` sends it; only a public one may leave for a public address.
    public static func blob(_ digest: String, in blobs: any BlobStore, contentType: String, filename: String,
                            privacy: BlobPrivacy = .public) throws -> Response {
        .blob(try blobs.delivery(of: digest, publicly: privacy == .public), contentType: contentType,
              filename: filename, privacy: privacy)
    }
}
