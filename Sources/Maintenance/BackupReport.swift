import Foundation

/// What `peek-admin backup` and `peek-admin restore` did, and the check of the result. Saved in
/// a backup as backup.json.
public struct BackupReport: Codable {
    public var ok: Bool
    var createdAt: String
    var source: String
    var destination: String
    var seconds: Double
    var blobsCopied = 0
    var blobsLinked = 0
    /// Blobs already in place (restore into a directory that has them).
    var blobsKept = 0
    var check: DataCheckReport

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
