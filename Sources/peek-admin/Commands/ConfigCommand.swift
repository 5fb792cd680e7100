import ArgumentParser
import Foundation
import PeekCore
import PeekStore

/// Validates every PEEK_* setting and prints the effective values as shell assignments: the
/// scripts render nginx's limits from this output, so nginx and the handlers share one source.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the PEEK_* settings and print the effective values (NAME='value' lines).")

    func run() throws {
        let settings = try PeekConfiguration()
        let values: [(String, String)] = [
            ("DATA_DIR", settings.dataDirectory.path),
            ("RUN_DIR", settings.runDirectory.path),
            ("UPLOAD_DIR", settings.uploadDirectory.path),
            ("MAX_UPLOAD_BYTES", "\(settings.maxUploadBytes)"),
            ("MAX_REQUEST_BODY_BYTES", "\(settings.maxRequestBodyBytes)"),
            ("UPLOAD_TOO_LARGE_MESSAGE", settings.uploadTooLargeMessage),
            ("MAX_PIXELS", "\(settings.maxPixels)"),
            ("JOB_TIMEOUT_SECONDS", "\(settings.jobTimeoutSeconds)"),
            ("LOG_LEVEL", settings.logLevel),
            ("BLOB_STORE", settings.s3 == nil ? "local" : "s3"),
            ("MODEL_TIME_LIMIT_SECONDS", "\(settings.modelRunSeconds)"),
            ("MODEL_MEMORY_MB", "\(settings.modelMemoryBytes >> 20)"),
            ("MODEL_PROCESSES", "\(settings.modelProcesses)"),
            ("MODEL_OUTPUT_MB", "\(settings.modelOutputBytes >> 20)"),
            ("MODEL_OUTPUT_FILES", "\(settings.modelOutputFiles)"),
            ("MODEL_BUILD_TIMEOUT_SECONDS", "\(settings.modelBuildSeconds)"),
        ]
        // nginx's S3 location is rendered from these; the key pair is never printed.
        + (settings.s3.map { s3 in
            [("S3_ENDPOINT", s3.endpointText), ("S3_HOST", s3.host), ("S3_BUCKET", s3.bucket), ("S3_REGION", s3.region),
             ("S3_PUBLIC_URL", s3.publicURL?.absoluteString ?? "")]
        } ?? [])
        for (name, value) in values {
            print("\(PeekConfiguration.environmentPrefix)\(name)=\(Self.shellQuoted(value))")
        }
    }

    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
