import Foundation
import HealthFunction
import PeekStore
import PeekTestSupport
import Testing

@Suite struct HealthHandlerTests {
    @Test func aMigratedDataDirectoryIsHealthyWithAnEmptyQueue() throws {
        try FunctionFixture.with { fixture in
            let answer = fixture.respond(HealthHandler(configuration: fixture.configuration), request("GET", "/api/health"))
            #expect(answer.status == 200)
            #expect(answer.json["status"] as? String == "ok")
            #expect(answer.json["database"] as? String == "connected")
            let queue = try #require(answer.json["queue"] as? [String: Any])
            #expect(queue["queued"] as? Int == 0)
            let worker = try #require(answer.json["worker"] as? [String: Any])
            #expect(worker["alive"] as? Bool == false)
        }
    }

    @Test func aMissingDatabaseIsDegradedWithTheReason() throws {
        try FunctionFixture.with { fixture in
            try FileManager.default.removeItem(at: fixture.directory.database)
            let answer = fixture.respond(HealthHandler(configuration: fixture.configuration), request("GET", "/api/health"))
            #expect(answer.status == 503)
            #expect(answer.json["status"] as? String == "degraded")
            #expect(answer.json["database"] as? String == "unavailable")
            #expect(answer.error.contains("missing"))
        }
    }

    @Test func anUnwritableBlobFolderIsDegradedStorage() throws {
        try FunctionFixture.with { fixture in
            try FileManager.default.removeItem(at: fixture.directory.blobs)
            try Data("not a folder".utf8).write(to: fixture.directory.blobs)
            let answer = fixture.respond(HealthHandler(configuration: fixture.configuration), request("GET", "/api/health"))
            #expect(answer.status == 503)
            #expect(answer.json["storage"] as? String == "unwritable")
        }
    }

    @Test func anUploadWaitingLongerThanTheThresholdMakesHealthDegraded() throws {
        try FunctionFixture.with(["QUEUE_WAIT_DEGRADED_SECONDS": "60"]) { fixture in
            _ = try fixture.queuedImage(createdAt: Date().timeIntervalSince1970 - 61)
            let answer = fixture.respond(HealthHandler(configuration: fixture.configuration), request("GET", "/api/health"))
            #expect(answer.status == 503)
            #expect(answer.json["status"] as? String == "degraded")
            #expect(answer.json["database"] as? String == "connected")
            #expect(answer.error.contains("waited"))
        }
    }

    @Test func postIsNotAllowed() throws {
        try FunctionFixture.with { fixture in
            let answer = fixture.respond(HealthHandler(configuration: fixture.configuration), request("POST", "/api/health"))
            #expect(answer.status == 405)
            #expect(answer.headers["Allow"] == "GET, HEAD")
        }
    }
}
