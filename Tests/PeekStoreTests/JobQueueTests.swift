import Foundation
import Testing
@testable import PeekStore
import PeekCore
import PeekTestSupport

@Suite struct JobQueueTests {
    // MARK: Enqueue and claim

    @Test(arguments: Backend.available)
    func anEnqueuedJobIsClaimedWithItsImage(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            let job = try #require(try queue.claim(owner: "worker-a"))
            #expect(job.imageID == image.id)
            #expect(job.blobSHA256 == image.blobSHA256)
            #expect(job.attempt == 1)
            #expect(job.owner == "worker-a")
            #expect(try database.images.image(image.id)?.status == .processing)
        }
    }

    @Test(arguments: Backend.available)
    func anEmptyQueueHasNothingToClaim(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            let job = try queue.claim(owner: "worker-a")
            #expect(job == nil)
        }
    }

    @Test(arguments: Backend.available)
    func jobsAreClaimedOldestFirst(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            let images = (0..<3).map { ImageRecord.fixture(createdAt: 1_000_000 + Double($0)) }
            for image in images { try queue.enqueue(image, client: "192.0.2.1") }
            let claimed = try (0..<3).map { _ in try #require(try queue.claim(owner: "w")).imageID }
            #expect(claimed == images.map(\.id))
        }
    }

    // MARK: Identical bytes

    @Test(arguments: Backend.available)
    func bytesAlreadyAnalysedAreCompletedAtOnceFromThatAnalysisWithoutAJob(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            let first = ImageRecord.fixture(blobSHA256: String(repeating: "c1", count: 32))
            try queue.enqueue(first, client: "192.0.2.1")
            let job = try #require(try queue.claim(owner: "worker-a"))
            let annotated = String(repeating: "d2", count: 32)
            #expect(try queue.complete(job, insightsJSON: #"{"brightness":42}"#, annotatedSHA256: annotated,
                                       renditions: [], processingMs: 7, confirmingBlobs: {}))

            let again = ImageRecord.fixture(createdAt: 1_000_050, blobSHA256: first.blobSHA256)
            try queue.enqueue(again, client: "198.51.100.7")
            let stored = try #require(try database.images.image(again.id))
            #expect(stored.status == .completed)
            #expect(stored.insights == #"{"brightness":42}"#)
            #expect(stored.annotatedSHA256 == annotated)
            #expect(try queue.claim(owner: "worker-b") == nil, "no job: nothing is analysed twice")
            #expect(try queue.depth().queued == 0)
        }
    }

    @Test(arguments: Backend.available)
    func bytesWhoseAnalysisFailedOrIsStillRunningAreQueuedAgain(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            let refused = ImageRecord.fixture(blobSHA256: String(repeating: "e3", count: 32))
            try queue.enqueue(refused, client: "192.0.2.1")
            #expect(try queue.fail(try #require(try queue.claim(owner: "worker-a")), message: "cannot decode"))
            let running = ImageRecord.fixture(blobSHA256: String(repeating: "f4", count: 32))
            try queue.enqueue(running, client: "192.0.2.1")
            _ = try #require(try queue.claim(owner: "worker-a"))

            let retried = ImageRecord.fixture(createdAt: 1_000_050, blobSHA256: refused.blobSHA256)
            let waiting = ImageRecord.fixture(createdAt: 1_000_051, blobSHA256: running.blobSHA256)
            try queue.enqueue([retried, waiting], client: "192.0.2.1", confirmingBlobs: {})
            #expect(try database.images.image(retried.id)?.status == .processing)
            #expect(try database.images.image(waiting.id)?.status == .processing)
            #expect(try queue.depth().queued == 2)
        }
    }

    // MARK: Fairness and limits

    @Test(arguments: Backend.available)
    func aClientsBacklogDoesNotStarveAnotherClient(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            let backlog = (0..<5).map { ImageRecord.fixture(createdAt: 1_000_000 + Double($0)) }
            for image in backlog { try queue.enqueue(image, client: "198.51.100.7") }
            let latecomer = ImageRecord.fixture(createdAt: 1_000_100)
            try queue.enqueue(latecomer, client: "192.0.2.1")
            let claimed = try (0..<3).map { _ in try #require(try queue.claim(owner: "w")).imageID }
            #expect(claimed == [backlog[0].id, latecomer.id, backlog[1].id])
        }
    }

    @Test(arguments: Backend.available)
    func aClientAtItsBacklogLimitIsRefusedWhileOthersAreNot(_ backend: Backend) throws {
        try withBackendQueue(backend, maxQueuedPerClient: 2) { queue, _, database in
            for _ in 0..<2 { try queue.enqueue(ImageRecord.fixture(), client: "198.51.100.7") }
            #expect(throws: StoreError.clientBacklogFull(limit: 2)) { try queue.admit(client: "198.51.100.7") }
            #expect(throws: StoreError.clientBacklogFull(limit: 2)) {
                try queue.enqueue(ImageRecord.fixture(), client: "198.51.100.7")
            }
            try queue.enqueue(ImageRecord.fixture(), client: "192.0.2.1")
            #expect(try queue.depth().queued == 3)
            // A claimed job no longer waits, so the client may send one more.
            _ = try queue.claim(owner: "w")
            try queue.admit(client: "198.51.100.7")
        }
    }

    @Test(arguments: Backend.available)
    func theWholeQueueAtItsLimitRefusesEveryone(_ backend: Backend) throws {
        try withBackendQueue(backend, maxQueued: 3) { queue, _, database in
            for index in 0..<3 { try queue.enqueue(ImageRecord.fixture(), client: "192.0.2.\(index)") }
            #expect(throws: StoreError.queueFull(limit: 3)) { try queue.enqueue(ImageRecord.fixture(), client: "192.0.2.9") }
            #expect(try queue.depth().queued == 3)
        }
    }

    @Test(arguments: Backend.available)
    func enqueueingAnExistingImageIDFailsAndAddsNoJob(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            #expect(throws: (any Error).self) { try queue.enqueue(image, client: "192.0.2.1") }
            #expect(try queue.depth().queued == 1)
        }
    }

    @Test(arguments: Backend.available)
    func aClaimIsExclusive(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            try queue.enqueue(.fixture(), client: "192.0.2.1")
            #expect(try queue.claim(owner: "worker-a") != nil)
            #expect(try queue.claim(owner: "worker-b") == nil)
            #expect(try queue.claim(owner: "worker-a") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentClaimsFromSeparateConnectionsTakeEachJobExactlyOnce(_ backend: Backend) throws {
        try withBackend(backend) { database, fixture in
            let policy = QueuePolicy(leaseSeconds: 3_600, maxAttempts: 3)
            let setup = database.jobQueue(policy)
            let images = (0..<60).map { _ in ImageRecord.fixture() }
            for image in images { try setup.enqueue(image, client: "192.0.2.1") }

            let claims = Locked<[ClaimedJob]>([])
            let refusedCompletions = Locked(0)
            let reopen = fixture.reopen
            try runOnThreads(4) { worker in
                // Each thread is its own connection, as separate worker processes would be.
                let queue = try reopen().jobQueue(policy)
                while let job = try queue.claim(owner: "worker-\(worker)") {
                    claims.mutate { $0.append(job) }
                    let completed = try queue.complete(job, insightsJSON: #"{"worker":\#(worker)}"#,
                                                       annotatedSHA256: job.blobSHA256, renditions: [], processingMs: 1, confirmingBlobs: {})
                    if !completed { refusedCompletions.mutate { $0 += 1 } }
                }
            }

            let claimed = claims.value
            #expect(refusedCompletions.value == 0)
            #expect(claimed.count == images.count)
            #expect(Set(claimed.map(\.imageID)) == Set(images.map(\.id)))
            #expect(claimed.allSatisfy { $0.attempt == 1 })
            #expect(try setup.depth() == QueueDepth(queued: 0, running: 0, oldestQueuedAgeSeconds: nil))
            for image in images {
                #expect(try database.images.image(image.id)?.status == .completed)
            }
        }
    }

    // MARK: Leases

    @Test(arguments: Backend.available)
    func anExpiredLeaseMakesTheJobClaimableAgainAndCountsTheAttempt(_ backend: Backend) throws {
        try withBackendQueue(backend, leaseSeconds: 30, maxAttempts: 3) { queue, clock, database in
            try queue.enqueue(.fixture(), client: "192.0.2.1")
            let first = try #require(try queue.claim(owner: "worker-a"))
            clock.advance(by: 29)
            #expect(try queue.claim(owner: "worker-b") == nil)
            clock.advance(by: 2)
            let second = try #require(try queue.claim(owner: "worker-b"))
            #expect(second.id == first.id)
            #expect(second.attempt == 2)
            #expect(second.owner == "worker-b")
        }
    }

    @Test(arguments: Backend.available)
    func renewingKeepsTheLeaseAlive(_ backend: Backend) throws {
        try withBackendQueue(backend, leaseSeconds: 30) { queue, clock, database in
            try queue.enqueue(.fixture(), client: "192.0.2.1")
            let job = try #require(try queue.claim(owner: "worker-a"))
            clock.advance(by: 25)
            #expect(try queue.renew(job))
            clock.advance(by: 25)
            #expect(try queue.claim(owner: "worker-b") == nil)
            #expect(try queue.renew(job))
        }
    }

    @Test(arguments: Backend.available)
    func aWorkerThatLostItsLeaseCannotRenewCompleteFailOrRelease(_ backend: Backend) throws {
        try withBackendQueue(backend, leaseSeconds: 30) { queue, clock, database in
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            let stale = try #require(try queue.claim(owner: "worker-a"))
            clock.advance(by: 31)
            let current = try #require(try queue.claim(owner: "worker-b"))

            #expect(try !queue.renew(stale))
            #expect(try !queue.complete(stale, insightsJSON: "{}", annotatedSHA256: image.blobSHA256, renditions: [], processingMs: 5, confirmingBlobs: {}))
            #expect(try !queue.fail(stale, message: "late failure"))
            #expect(try !queue.release(stale, reason: "late release"))
            #expect(try !queue.release(stale, reason: "late shutdown", countAttempt: false))
            #expect(try database.images.image(image.id)?.status == .processing)

            // The stale worker changed nothing: the current holder still finishes normally.
            #expect(try queue.complete(current, insightsJSON: #"{"ok":true}"#, annotatedSHA256: image.blobSHA256, renditions: [], processingMs: 5, confirmingBlobs: {}))
        }
    }

    @Test(arguments: Backend.available)
    func aLeaseExpiredButNotYetReclaimedStillBelongsToItsWorker(_ backend: Backend) throws {
        try withBackendQueue(backend, leaseSeconds: 30) { queue, clock, database in
            try queue.enqueue(.fixture(), client: "192.0.2.1")
            let job = try #require(try queue.claim(owner: "worker-a"))
            clock.advance(by: 60)
            // Nobody took the job over, so the late worker may still record its result.
            #expect(try queue.complete(job, insightsJSON: "{}", annotatedSHA256: job.blobSHA256, renditions: [], processingMs: 60_000, confirmingBlobs: {}))
        }
    }

    @Test(arguments: Backend.available)
    func aJobWhoseLeaseExpiresOnItsLastAttemptEndsFailedWithAMessage(_ backend: Backend) throws {
        try withBackendQueue(backend, leaseSeconds: 30, maxAttempts: 2) { queue, clock, database in
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            #expect(try queue.claim(owner: "worker-a")?.attempt == 1)
            clock.advance(by: 31)
            #expect(try queue.claim(owner: "worker-b")?.attempt == 2)
            clock.advance(by: 31)
            #expect(try queue.claim(owner: "worker-c") == nil)

            let record = try #require(try database.images.image(image.id))
            #expect(record.status == .failed)
            let message = try #require(record.error)
            #expect(message.contains("2 attempts"))
            #expect(record.completedAt == clock.now)
            #expect(try queue.depth() == QueueDepth(queued: 0, running: 0, oldestQueuedAgeSeconds: nil))
        }
    }

    // MARK: Finishing

    @Test(arguments: Backend.available)
    func completingRecordsTheInsightsAndEndsTheJob(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, clock, database in
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            let job = try #require(try queue.claim(owner: "worker-a"))
            clock.advance(by: 2)
            let annotated = String(repeating: "cd", count: 32)
            #expect(try queue.complete(job, insightsJSON: #"{"brightness":128}"#, annotatedSHA256: annotated, renditions: [], processingMs: 2_000, confirmingBlobs: {}))

            let record = try #require(try database.images.image(image.id))
            #expect(record.status == .completed)
            #expect(record.insights == #"{"brightness":128}"#)
            #expect(record.annotatedSHA256 == annotated)
            #expect(record.processingMs == 2_000)
            #expect(record.completedAt == clock.now)
            #expect(record.error == nil)
            // A finished job is never handed out again, nor finished twice.
            clock.advance(by: 3_600)
            #expect(try queue.claim(owner: "worker-b") == nil)
            #expect(try !queue.complete(job, insightsJSON: "{}", annotatedSHA256: annotated, renditions: [], processingMs: 1, confirmingBlobs: {}))
            #expect(try !queue.renew(job))
        }
    }

    @Test(arguments: Backend.available)
    func failingRecordsTheMessageForTheClient(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, _, database in
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            let job = try #require(try queue.claim(owner: "worker-a"))
            #expect(try queue.fail(job, message: "the image could not be decoded"))
            let record = try #require(try database.images.image(image.id))
            #expect(record.status == .failed)
            #expect(record.error == "the image could not be decoded")
            #expect(try queue.claim(owner: "worker-b") == nil)
            #expect(try !queue.fail(job, message: "again"))
        }
    }

    @Test(arguments: Backend.available)
    func releasingAfterAFaultRequeuesTheJobAndKeepsTheAttemptCounted(_ backend: Backend) throws {
        try withBackendQueue(backend, maxAttempts: 3) { queue, _, database in
            try queue.enqueue(.fixture(), client: "192.0.2.1")
            let first = try #require(try queue.claim(owner: "worker-a"))
            #expect(try queue.release(first, reason: "decoder crashed"))
            #expect(try queue.depth().queued == 1)
            let second = try #require(try queue.claim(owner: "worker-b"))
            #expect(second.attempt == 2)
        }
    }

    @Test(arguments: Backend.available)
    func releasingWithoutCountingTheAttemptDoesNotUseOneUp(_ backend: Backend) throws {
        try withBackendQueue(backend, maxAttempts: 2) { queue, _, database in
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            for _ in 0..<5 {
                let job = try #require(try queue.claim(owner: "worker-a"))
                #expect(job.attempt == 1)
                #expect(try queue.release(job, reason: "worker shutting down", countAttempt: false))
            }
            #expect(try database.images.image(image.id)?.status == .processing)
            #expect(try queue.depth().queued == 1)
        }
    }

    @Test(arguments: Backend.available)
    func releasingOnTheLastAttemptFailsTheJob(_ backend: Backend) throws {
        try withBackendQueue(backend, maxAttempts: 2) { queue, _, database in
            let image = ImageRecord.fixture()
            try queue.enqueue(image, client: "192.0.2.1")
            let first = try #require(try queue.claim(owner: "worker-a"))
            #expect(try queue.release(first, reason: "timeout"))
            let last = try #require(try queue.claim(owner: "worker-a"))
            #expect(last.attempt == 2)
            #expect(try queue.release(last, reason: "out of memory"))

            let record = try #require(try database.images.image(image.id))
            #expect(record.status == .failed)
            #expect(record.error == "analysis failed 2 times; last error: out of memory")
            #expect(try queue.claim(owner: "worker-b") == nil)
            #expect(try queue.depth() == QueueDepth(queued: 0, running: 0, oldestQueuedAgeSeconds: nil))
        }
    }

    // MARK: Depth

    @Test(arguments: Backend.available)
    func depthCountsQueuedAndRunningJobsAndTheOldestQueuedAge(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, clock, database in
            #expect(try queue.depth() == QueueDepth(queued: 0, running: 0, oldestQueuedAgeSeconds: nil))
            let now = clock.now
            for age in [100.0, 50.0, 10.5] { try queue.enqueue(.fixture(createdAt: now - age), client: "192.0.2.1") }
            #expect(try queue.depth() == QueueDepth(queued: 3, running: 0, oldestQueuedAgeSeconds: 100))

            _ = try #require(try queue.claim(owner: "worker-a"))  // takes the oldest
            #expect(try queue.depth() == QueueDepth(queued: 2, running: 1, oldestQueuedAgeSeconds: 50))

            clock.advance(by: 1)
            _ = try #require(try queue.claim(owner: "worker-a"))
            #expect(try queue.depth() == QueueDepth(queued: 1, running: 2, oldestQueuedAgeSeconds: 11.5))
        }
    }

    @Test(arguments: Backend.available)
    func depthNeverReportsANegativeAge(_ backend: Backend) throws {
        try withBackendQueue(backend) { queue, clock, database in
            try queue.enqueue(.fixture(createdAt: clock.now + 5), client: "192.0.2.1")  // another machine's clock ran ahead
            #expect(try queue.depth().oldestQueuedAgeSeconds == 0)
        }
    }

    @Test func depthEncodesWithTheHealthRouteKeys() throws {
        let json = String(decoding: JSON.encode(QueueDepth(queued: 2, running: 1, oldestQueuedAgeSeconds: 1.5)), as: UTF8.self)
        #expect(json == #"{"oldest_queued_age_seconds":1.5,"queued":2,"running":1}"#)
    }
}
