import AnalyzeFunction
import Foundation
import Logging
import PeekStore
import PeekTestSupport
import Testing

@Suite struct AnalyzeHandlerTests {
    func handler(_ fixture: FunctionFixture) -> AnalyzeHandler {
        AnalyzeHandler(configuration: fixture.configuration, logger: Logger(label: "test"))
    }

    @Test func anUploadIsStoredQueuedAndAnswered202WithItsID() throws {
        try FunctionFixture.with { fixture in
            let answer = fixture.respond(handler(fixture), upload(ImageBytes.png(width: 4, height: 3)))
            #expect(answer.status == 202)
            let id = try #require(answer.json["id"] as? String)
            #expect(answer.headers["Location"] == "/api/results/\(id)")
            let image = try #require(try fixture.database.images.image(id))
            #expect(image.status == .processing && image.width == 4 && image.height == 3)
            #expect(LocalBlobStore(directory: fixture.directory).contains(image.blobSHA256))
            let queued = try fixture.database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3)).depth().queued
            #expect(queued == 1)
        }
    }

    @Test func aFormWithoutAnImageFieldIsRefusedAndNothingIsStored() throws {
        try FunctionFixture.with { fixture in
            let answer = fixture.respond(handler(fixture), upload(ImageBytes.png(width: 4, height: 3), field: "file"))
            #expect(answer.status == 400)
            #expect(answer.error.contains("\"image\""))
            let queued = try fixture.database.jobQueue(QueuePolicy(leaseSeconds: 30, maxAttempts: 3)).depth().queued
            #expect(queued == 0)
            #expect(regularFiles(under: fixture.directory.blobs).isEmpty)
        }
    }

    @Test func aClientWithAFullBacklogIs429WithRetryAfterAndNothingIsStored() throws {
        try FunctionFixture.with(["QUEUE_PER_CLIENT": "1"]) { fixture in
            #expect(fixture.respond(handler(fixture), upload(ImageBytes.png(width: 4, height: 3))).status == 202)
            let refused = fixture.respond(handler(fixture), upload(ImageBytes.png(width: 5, height: 3)))
            #expect(refused.status == 429)
            #expect(refused.headers["Retry-After"] == "10")
            #expect(refused.error.contains("waiting for analysis"))
            #expect(regularFiles(under: fixture.directory.blobs).count == 1)
        }
    }

    @Test func aFullQueueIs503WithRetryAfter() throws {
        try FunctionFixture.with(["QUEUE_MAX": "1"]) { fixture in
            #expect(fixture.respond(handler(fixture), upload(ImageBytes.png(width: 4, height: 3))).status == 202)
            let refused = fixture.respond(handler(fixture), upload(ImageBytes.png(width: 5, height: 3)))
            #expect(refused.status == 503)
            #expect(refused.headers["Retry-After"] == "30")
        }
    }

    @Test func aBodyThatIsNotMultipartIs415() throws {
        try FunctionFixture.with { fixture in
            let answer = fixture.respond(handler(fixture), request("POST", "/api/analyze", contentType: "image/png",
                                                                   body: ImageBytes.png(width: 1, height: 1)))
            #expect(answer.status == 415)
        }
    }

    @Test func anImageOverThePixelLimitIs413BeforeAnythingIsStored() throws {
        try FunctionFixture.with(["MAX_PIXELS": "100"]) { fixture in
            let answer = fixture.respond(handler(fixture), upload(ImageBytes.png(width: 20, height: 20)))
            #expect(answer.status == 413)
            #expect(answer.error.contains("20×20"))
            #expect(regularFiles(under: fixture.directory.blobs).isEmpty)
        }
    }

    @Test func aBodyLargerThanTheLimitIs413WithTheConfiguredWording() throws {
        try FunctionFixture.with(["MAX_UPLOAD_BYTES": "1024"]) { fixture in
            let answer = fixture.respond(handler(fixture), upload(ImageBytes.png(width: 1, height: 1) + [UInt8](repeating: 0, count: 2048)))
            #expect(answer.status == 413)
            #expect(answer.error == "the upload is larger than the 1 KiB limit")
        }
    }

    @Test func aBodyFileOutsideTheUploadFolderIsNeverRead() throws {
        try FunctionFixture.with { fixture in
            var parameters = upload(ImageBytes.png(width: 1, height: 1)).parameters
            parameters["REQUEST_BODY_FILE"] = "/etc/passwd"
            let answer = fixture.respond(handler(fixture), .init(parameters: parameters, bodyStream: .init { _ in 0 }))
            #expect(answer.status == 500)
            #expect(answer.error == "internal server error")
        }
    }

    @Test func getIsNotAllowedAndTheAnswerSaysWhatIs() throws {
        try FunctionFixture.with { fixture in
            let answer = fixture.respond(handler(fixture), request("GET", "/api/analyze"))
            #expect(answer.status == 405)
            #expect(answer.headers["Allow"] == "POST")
        }
    }

    @Test func aMissingDatabaseIs503AndNoEmptyOneIsCreatedInItsPlace() throws {
        try FunctionFixture.with { fixture in
            try FileManager.default.removeItem(at: fixture.directory.database)
            let answer = fixture.respond(handler(fixture), upload(ImageBytes.png(width: 2, height: 2)))
            #expect(answer.status == 503)
            #expect(answer.error.contains("missing"))
            #expect(!FileManager.default.fileExists(atPath: fixture.directory.database.path))
        }
    }
}
