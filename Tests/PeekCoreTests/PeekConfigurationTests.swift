import Foundation
import Testing
@testable import PeekCore

@Suite struct PeekConfigurationTests {
    @Test func anEmptyEnvironmentGivesTheDefaults() throws {
        let configuration = try PeekConfiguration(environment: [:])
        #expect(configuration.dataDirectory.path == "/var/lib/peek")
        #expect(configuration.runDirectory.path == "/var/lib/peek/run")
        #expect(configuration.uploadDirectory.path == "/var/lib/peek/uploads")
        #expect(configuration.maxUploadBytes == 16 * 1024 * 1024)
        #expect(configuration.maxPixels == 50_000_000)
        #expect(configuration.leaseSeconds == 90)
        #expect(configuration.maxAttempts == 3)
        #expect(configuration.jobTimeoutSeconds == 60)
        #expect(configuration.jobMemoryBytes == 1024 * 1024 * 1024)
        #expect(configuration.stopGraceSeconds == 20)
        #expect(configuration.heartbeatStaleSeconds == 30)
        #expect(configuration.logLevel == "info")
    }

    @Test func derivedPathsLiveInsideTheDataDirectory() throws {
        let configuration = try PeekConfiguration(environment: ["PEEK_DATA_DIR": "/srv/peek"])
        #expect(configuration.runDirectory.path == "/srv/peek/run")
        #expect(configuration.uploadDirectory.path == "/srv/peek/uploads")
        #expect(configuration.wakeupFIFO.path == "/srv/peek/run/worker.wake")
    }

    @Test func prefixedVariablesOverrideTheDefaults() throws {
        let configuration = try PeekConfiguration(environment: [
            "PEEK_DATA_DIR": "/tmp/peek-data",
            "PEEK_RUN_DIR": "/tmp/peek-run",
            "PEEK_UPLOAD_DIR": "/tmp/peek-uploads",
            "PEEK_MAX_UPLOAD_BYTES": "1048576",
            "PEEK_MAX_PIXELS": "1000",
            "PEEK_LEASE_SECONDS": "5",
            "PEEK_MAX_ATTEMPTS": "7",
            "PEEK_JOB_TIMEOUT_SECONDS": "12",
            "PEEK_JOB_MEMORY_MB": "256",
            "PEEK_STOP_GRACE_SECONDS": "0",
            "PEEK_HEARTBEAT_STALE_SECONDS": "9",
            "PEEK_LOG_LEVEL": "debug",
        ])
        #expect(configuration.dataDirectory.path == "/tmp/peek-data")
        #expect(configuration.runDirectory.path == "/tmp/peek-run")
        #expect(configuration.uploadDirectory.path == "/tmp/peek-uploads")
        #expect(configuration.wakeupFIFO.path == "/tmp/peek-run/worker.wake")
        #expect(configuration.maxUploadBytes == 1_048_576)
        #expect(configuration.maxPixels == 1_000)
        #expect(configuration.leaseSeconds == 5)
        #expect(configuration.maxAttempts == 7)
        #expect(configuration.jobTimeoutSeconds == 12)
        #expect(configuration.jobMemoryBytes == 256 * 1024 * 1024)
        #expect(configuration.stopGraceSeconds == 0)
        #expect(configuration.heartbeatStaleSeconds == 9)
        #expect(configuration.logLevel == "debug")
    }

    @Test func unprefixedAndEmptyVariablesAreIgnored() throws {
        let configuration = try PeekConfiguration(environment: [
            "MAX_PIXELS": "5", "DATA_DIR": "/elsewhere", "PEEK_MAX_ATTEMPTS": "", "PEEK_DATA_DIR": "",
        ])
        #expect(configuration.maxPixels == 50_000_000)
        #expect(configuration.maxAttempts == 3)
        #expect(configuration.dataDirectory.path == "/var/lib/peek")
    }

    @Test(arguments: [
        ("PEEK_MAX_PIXELS", "fifty"),
        ("PEEK_MAX_ATTEMPTS", "3.5"),
        ("PEEK_LEASE_SECONDS", "90s"),
        ("PEEK_MAX_UPLOAD_BYTES", " 100"),
        ("PEEK_JOB_TIMEOUT_SECONDS", "99999999999999999999999"),
    ])
    func anInvalidIntegerIsAnErrorNamingTheVariable(name: String, value: String) {
        let error = #expect(throws: ConfigurationError.self) { _ = try PeekConfiguration(environment: [name: value]) }
        #expect(error?.message.contains(name) == true, "\(error?.message ?? "no error")")
        #expect(error?.description.contains(value) == true)
    }

    @Test(arguments: [
        ("PEEK_MAX_ATTEMPTS", "0"),
        ("PEEK_MAX_PIXELS", "-1"),
        ("PEEK_JOB_MEMORY_MB", "63"),
        ("PEEK_LEASE_SECONDS", "86401"),
        ("PEEK_STOP_GRACE_SECONDS", "-1"),
    ])
    func anIntegerOutOfRangeIsAnErrorNamingTheVariable(name: String, value: String) {
        let error = #expect(throws: ConfigurationError.self) { _ = try PeekConfiguration(environment: [name: value]) }
        #expect(error?.message.contains(name) == true, "\(error?.message ?? "no error")")
    }

    @Test func anUnknownLogLevelIsAnErrorNamingTheVariableAndTheChoices() {
        let error = #expect(throws: ConfigurationError.self) {
            _ = try PeekConfiguration(environment: ["PEEK_LOG_LEVEL": "loud"])
        }
        #expect(error?.message == "PEEK_LOG_LEVEL=loud is not one of trace, debug, info, notice, warning, error, critical")
    }

    @Test func theRequestBodyMayExceedTheImageLimitByTheMultipartEnvelope() throws {
        let configuration = try PeekConfiguration(environment: ["PEEK_MAX_UPLOAD_BYTES": "1000000"])
        #expect(configuration.maxRequestBodyBytes == 1_000_000 + 64 * 1024)
        #expect(configuration.uploadTooLargeMessage == "the upload is larger than the 976.6 KiB limit")
    }
}
