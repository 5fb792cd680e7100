import Foundation
import PeekCore
import PeekTestSupport
import Testing
@testable import PeekStore

/// Models, versions and model jobs (SPEC §11) on both engines: who sees what, and the job table's
/// semantics of SPEC §4 (leases, attempts, never lost) for builds and runs.
@Suite struct ModelStoreTests {
    static let digest = String(repeating: "ab", count: 32)
    let all = Set(ClaimedModelJob.Kind.allCases)

    /// A queue of model jobs over the fixture's database with the test's clock.
    static func queue(_ fixture: TestDatabase, clock: ManualClock, maxAttempts: Int = 3) -> any ModelJobQueue {
        let policy = QueuePolicy(leaseSeconds: 30, maxAttempts: maxAttempts)
        if let database = fixture.database as? SQLiteDatabase {
            return SQLiteModelJobQueue(database: database, policy: policy, now: { clock.now })
        }
        return PostgreSQLModelJobQueue(database: fixture.database as! PostgreSQLDatabase, policy: policy, now: { clock.now })
    }

    /// Alice's model (public or not) with one version, and Bob.
    static func aliceModel(_ database: any DatabaseBackend, isPublic: Bool = false) throws -> (alice: User, bob: User, model: Model, version: ModelVersion) {
        let alice = try database.accounts.createUser(username: "alice", passwordHash: "h", at: 1)
        let bob = try database.accounts.createUser(username: "bob", passwordHash: "h", at: 1)
        let model = Model(id: ImageID.generate(), ownerID: alice.id, name: "greyscale", description: "", isPublic: isPublic, createdAt: 1)
        try database.models.createModel(model)
        let version = ModelVersion(id: ImageID.generate(), modelID: model.id, version: "1.0", packageSHA256: digest, createdAt: 2)
        try database.models.addVersion(version, ownerID: alice.id, confirmingBlobs: {})
        return (alice, bob, model, version)
    }

    static func run(of version: ModelVersion, by owner: User) -> ModelJob {
        ModelJob(id: ImageID.generate(), versionID: version.id, modelID: version.modelID, ownerID: owner.id, inputSHA256: digest,
                 inputContentType: "image/png", inputFilename: "a.png", createdAt: 3)
    }

    @Test(arguments: Backend.available)
    func aPrivateModelIsSeenOnlyByItsOwnerAndAPublicOneByEveryone(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let (alice, bob, model, _) = try Self.aliceModel(database)
            #expect(try database.models.model(model.id, visibleTo: alice.id) == model)
            #expect(try database.models.model(model.id, visibleTo: bob.id) == nil)
            #expect(try database.models.models(visibleTo: bob.id).isEmpty)
            let shared = Model(id: ImageID.generate(), ownerID: alice.id, name: "public", description: "d", isPublic: true, createdAt: 5)
            try database.models.createModel(shared)
            #expect(try database.models.models(visibleTo: bob.id) == [shared])
            #expect(try database.models.models(visibleTo: alice.id).map(\.id) == [shared.id, model.id])
        }
    }

    @Test(arguments: Backend.available)
    func aVersionNameIsTakenOncePerModel(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let (alice, _, model, version) = try Self.aliceModel(database)
            let again = ModelVersion(id: ImageID.generate(), modelID: model.id, version: version.version, packageSHA256: Self.digest, createdAt: 3)
            #expect(throws: StoreError.conflict("version 1.0 of this model")) {
                try database.models.addVersion(again, ownerID: alice.id, confirmingBlobs: {})
            }
            #expect(try database.models.versions(modelID: model.id).map(\.id) == [version.id])
        }
    }

    @Test(arguments: Backend.available)
    func aBuildStreamsItsLogAndEndsTheVersionReadyOrFailed(_ backend: Backend) throws {
        try withBackend(backend) { database, fixture in
            let (_, _, model, version) = try Self.aliceModel(database)
            let queue = Self.queue(fixture, clock: ManualClock())
            let build = try #require(try queue.claim(owner: "w1", kinds: all))
            #expect(build.kind == .build && build.versionID == version.id && build.packageSHA256 == Self.digest)
            try queue.appendBuildLog(build, "Collecting Pillow\n")
            try queue.appendBuildLog(build, "Installed\n")
            #expect(try database.models.version(version.id, modelID: model.id)?.buildLog == "Collecting Pillow\nInstalled\n")
            #expect(try database.models.version(version.id, modelID: model.id)?.status == .building)
            #expect(try queue.finishBuild(build, error: nil))
            #expect(try database.models.version(version.id, modelID: model.id)?.status == .ready)
            #expect(try queue.claim(owner: "w1", kinds: all) == nil)
        }
    }

    @Test(arguments: Backend.available)
    func aRunIsReadOnlyByWhoAskedForItWithItsResultAndOutputs(_ backend: Backend) throws {
        try withBackend(backend) { database, fixture in
            let (alice, bob, _, version) = try Self.aliceModel(database, isPublic: true)
            let queue = Self.queue(fixture, clock: ManualClock())
            _ = try queue.finishBuild(try #require(try queue.claim(owner: "w", kinds: all)), error: nil)
            let job = Self.run(of: version, by: bob)
            try database.models.addJob(job, confirmingBlobs: {})
            #expect(try database.models.job(job.id, ownerID: alice.id) == nil)
            let claimed = try #require(try queue.claim(owner: "w", kinds: all))
            #expect(claimed.kind == .run && claimed.inputSHA256 == Self.digest && claimed.inputContentType == "image/png")
            #expect(claimed.modelOwnerID == alice.id)
            #expect(try database.models.job(job.id, ownerID: bob.id)?.status == .running)
            let output = ModelJobOutput(name: "grey.png", blobSHA256: Self.digest, contentType: "image/png", byteSize: 10)
            #expect(try queue.finishRun(claimed, error: nil, resultJSON: "{\"a\":1}", log: "hi\n", milliseconds: 12,
                                        outputs: [output], confirmingBlobs: {}))
            let read = try #require(try database.models.job(job.id, ownerID: bob.id))
            #expect(read.status == .succeeded && read.resultJSON == "{\"a\":1}" && read.log == "hi\n" && read.milliseconds == 12)
            #expect(read.outputs == [output])
            #expect(try database.models.jobs(ownerID: bob.id, limit: 10).map(\.id) == [job.id])
            #expect(try database.models.jobs(ownerID: alice.id, limit: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func aJobWhoseWorkerDiedIsRunAgainThenFailedAfterItsAttempts(_ backend: Backend) throws {
        try withBackend(backend) { database, fixture in
            let (_, _, model, version) = try Self.aliceModel(database)
            let clock = ManualClock()
            let queue = Self.queue(fixture, clock: clock, maxAttempts: 2)
            let first = try #require(try queue.claim(owner: "w1", kinds: all))
            #expect(try queue.claim(owner: "w2", kinds: all) == nil)
            clock.advance(by: 31)
            let second = try #require(try queue.claim(owner: "w2", kinds: all))
            #expect(second.rowID == first.rowID && second.attempt == 2)
            // The first worker's lease is gone: it can no longer end the job.
            #expect(try !queue.finishBuild(first, error: nil))
            #expect(try !queue.renew(first))
            clock.advance(by: 31)
            #expect(try queue.claim(owner: "w3", kinds: all) == nil)
            let failed = try #require(try database.models.version(version.id, modelID: model.id))
            #expect(failed.status == .failed && failed.error?.contains("did not finish after 2 attempts") == true)
        }
    }

    @Test(arguments: Backend.available)
    func aLaneTakesOnlyTheKindsItDrains(_ backend: Backend) throws {
        try withBackend(backend) { database, fixture in
            _ = try Self.aliceModel(database)
            let queue = Self.queue(fixture, clock: ManualClock())
            #expect(try queue.claim(owner: "runs", kinds: [.run]) == nil)
            #expect(try queue.claim(owner: "builds", kinds: [.build])?.kind == .build)
        }
    }

    @Test(arguments: Backend.available)
    func aJobHandedBackByAStoppingWorkerKeepsItsAttempt(_ backend: Backend) throws {
        try withBackend(backend) { database, fixture in
            _ = try Self.aliceModel(database)
            let queue = Self.queue(fixture, clock: ManualClock(), maxAttempts: 1)
            let job = try #require(try queue.claim(owner: "w1", kinds: all))
            #expect(try queue.release(job, reason: "stopping", countAttempt: false))
            #expect(try queue.depth().queued == 1)
            let again = try #require(try queue.claim(owner: "w2", kinds: all))
            #expect(again.attempt == 1)
        }
    }

    @Test(arguments: Backend.available)
    func theBlobsOfModelsAreNotOrphans(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let (_, bob, _, version) = try Self.aliceModel(database)
            let input = String(repeating: "cd", count: 32)
            var job = Self.run(of: version, by: bob)
            job = ModelJob(id: job.id, versionID: job.versionID, modelID: job.modelID, ownerID: bob.id, inputSHA256: input,
                           inputContentType: "image/png", inputFilename: nil, createdAt: 3)
            try database.models.addJob(job, confirmingBlobs: {})
            var discarded: [String] = []
            let orphan = String(repeating: "ef", count: 32)
            _ = try database.deletions.discardUnreferenced([Self.digest, input, orphan]) { digest in discarded.append(digest) }
            #expect(discarded == [orphan])
        }
    }

    @Test func theLastPartOfALogIsKeptAtACharacterBoundary() {
        #expect("abcdef".keepingLast(bytes: 3) == "def")
        #expect("aé".keepingLast(bytes: 1) == "")
        #expect("aéb".keepingLast(bytes: 3) == "éb")
    }
}
