import ArgumentParser
import Crypto
import Foundation
import PeekCore
import PeekStore

/// Copies the data directory's blobs into the S3 bucket of the `PEEK_S3_*` settings, for a move
/// to `PEEK_BLOB_STORE=s3`. Idempotent: a blob the bucket has already is not sent again, so a
/// second run (after Peek is stopped) copies only what arrived since the first.
struct CopyBlobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-blobs",
        abstract: "Copy the local blobs into the PEEK_S3_* bucket (idempotent); prints JSON.",
        discussion: """
            Reads the PEEK_S3_* settings even while PEEK_BLOB_STORE is still local, so it can run \
            while Peek serves from the data directory. Each file is checked against its name (its \
            SHA-256) before it is sent; a blob already in the bucket is skipped. Run it once while \
            Peek runs, then stop Peek, run it again, set PEEK_BLOB_STORE=s3 and start Peek.
            """)

    @Flag(name: .customLong("to-s3"), help: "Copy into the bucket of the PEEK_S3_* settings (the only direction).")
    var toS3 = false

    @OptionGroup var dataDirectory: DataDirectoryOption

    /// What one run did.
    struct Report: Encodable {
        var bucket: String
        var copied = 0
        var present = 0
        /// Files whose bytes are not their name's SHA-256: not copied (see `peek-admin check`).
        var corrupt: [String] = []
    }

    func run() throws {
        guard toS3 else { throw ValidationError("say where to: --to-s3") }
        var environment = ProcessInfo.processInfo.environment
        environment[PeekConfiguration.environmentPrefix + "BLOB_STORE"] = "s3"
        let configuration = try dataDirectory.configuration(environment: environment)
        guard let bucket = configuration.bucket else { throw ValidationError("the PEEK_S3_* settings are missing") }
        let directory = DataDirectory(configuration: configuration)
        var report = Report(bucket: "s3://\(bucket.settings.bucket)")
        for digest in try directory.blobDigests() {
            if bucket.contains(digest) {
                report.present += 1
                continue
            }
            let mapped = try MappedFile(path: try directory.blobURL(for: digest).path)
            let stored: Result<Bool, StoreError> = mapped.withBytes { bytes in
                guard SHA256.hash(data: bytes).map({ String(format: "%02x", $0) }).joined() == digest else {
                    return .success(false)
                }
                return Result { () throws(StoreError) in try bucket.store(bytes) == digest }
            }
            if try stored.get() { report.copied += 1 } else { report.corrupt.append(digest) }
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
        if !report.corrupt.isEmpty { throw ExitCode.failure }
    }
}
