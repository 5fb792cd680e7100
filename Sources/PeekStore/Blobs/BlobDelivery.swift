import Foundation

/// How nginx sends a blob to a client; image bytes never pass through a function.
public enum BlobDelivery: Sendable, Equatable {
    /// A file below nginx's internal blob location (`ab/cd/abcd…`).
    case file(relativePath: String)
    /// A GET that nginx makes to the bucket through its internal S3 location: the object's path
    /// (`BUCKET/KEY`) and the SigV4 headers computed for it (valid for 15 minutes).
    case bucket(path: String, authorization: String, amzDate: String)
    /// A redirect to where the bucket is public (`PEEK_S3_PUBLIC_URL`).
    case redirect(URL)
}
