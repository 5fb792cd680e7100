import Foundation
import GRDB
import PeekCore
import PeekTestSupport
import Testing
@testable import PeekStore

/// What only the PostgreSQL backend has: its migrations table and lock, its row and advisory
/// locks, LISTEN/NOTIFY, and surviving a server restart. (The behaviour both backends share is
/// tested on both by the catalog and queue suites.)
@Suite(.enabled(if: PostgreSQLTestServer.binaries != nil, Comment(rawValue: PostgreSQLTestServer.missingMessage)))
struct PostgreSQLDatabaseTests {
    /// Runs `body` with the URL of a new, empty database on the shared server.
    private func withEmptyDatabase<T>(_ body: (_ url: String, _ server: PostgreSQLTestServer) throws -> T) throws -> T {
        let server = try PostgreSQLTestServer.shared.get()
        let url = try server.createDatabase()
        defer { server.dropDatabase(url) }
        return try body(url, server)
    }

    /// One column of text per row.
    private func strings(_ url: String, _ sql: String) throws -> [String] {
        let connection = try PostgreSQLConnection(settings: PostgreSQLSettings(url: url, lockTimeoutSeconds: 5))
        return try connection.run(sql).rows.map { $0[0] as String }
    }

    private func expectUnavailable(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        let error = #expect(throws: StoreError.self, sourceLocation: sourceLocation) { try body() }
        guard case .databaseUnavailable = error else {
            Issue.record("expected an unavailable database, got \(error.map { "\($0)" } ?? "none")", sourceLocation: sourceLocation)
            return
        }
    }

    // MARK: Migrations

    @Test func migrationsAppliedConcurrentlyToANewDatabaseRunOnceUnderTheSQLiteNames() throws {
        try withEmptyDatabase { url, server in
            let opened = Locked(0)
            try runOnThreads(8) { _ in
                let database = try PostgreSQLDatabase(url: url)
                _ = try database.jobQueue(testPolicy).depth()
                opened.mutate { $0 += 1 }
            }
            #expect(opened.value == 8)

            let alone = try server.createDatabase()
            defer { server.dropDatabase(alone) }
            _ = try PostgreSQLDatabase(url: alone)
            let schema = """
                SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
                ORDER BY 1
                """
            let migrated = try strings(url, schema)
            #expect(migrated == (try strings(alone, schema)))
            #expect(migrated.contains("jobs.client_rank integer NO") && migrated.contains("users.username text NO"))
            let applied = try strings(url, "SELECT identifier FROM peek_migrations ORDER BY applied_at")
            #expect(applied == PostgreSQLMigrations.names)
            #expect(applied == Migrations.migrator.migrations)
        }
    }

    @Test func reopeningADatabaseKeepsItsRowsAndAppliesNothingAgain() throws {
        try withEmptyDatabase { url, _ in
            let image = ImageRecord.fixture()
            try PostgreSQLDatabase(url: url).jobQueue(testPolicy).enqueue(image, client: "192.0.2.1")
            let reopened = try PostgreSQLDatabase(url: url)
            #expect(try reopened.images.image(image.id)?.id == image.id)
            #expect(try reopened.jobQueue(testPolicy).depth().queued == 1)
            #expect(try strings(url, "SELECT COUNT(*)::text FROM peek_migrations") == ["\(PostgreSQLMigrations.names.count)"])
        }
    }

    @Test func aDatabaseThatDoesNotExistOrAServerThatDoesNotAnswerIsUnavailable() throws {
        let server = try PostgreSQLTestServer.shared.get()
        expectUnavailable { _ = try PostgreSQLDatabase(url: server.url(database: "no_such_database")) }
        let silent = try freeLoopbackPort()
        expectUnavailable { _ = try PostgreSQLDatabase(url: "postgresql://peek@127.0.0.1:\(silent)/peek") }
    }

    // MARK: Configuration

    @Test func theDatabaseURLChoosesPostgreSQLAndAnythingElseIsRefused() throws {
        try withEmptyDatabase { url, _ in
            try withTemporaryDirectory { directory in
                let environment = ["PEEK_DATA_DIR": directory.path, "PEEK_DATABASE_URL": url]
                let configuration = try PeekConfiguration(environment: environment)
                #expect(configuration.databaseURL == url)
                #expect(try DatabaseProvider(configuration: configuration).get() is PostgreSQLDatabase)
                #expect(try DatabaseProvider.open(configuration) is PostgreSQLDatabase)
                #expect(try PeekConfiguration(environment: ["PEEK_DATA_DIR": directory.path]).databaseURL == nil)
                #expect(throws: ConfigurationError.self) {
                    _ = try PeekConfiguration(environment: ["PEEK_DATABASE_URL": "mysql://root:secret@localhost/peek"])
                }
            }
        }
    }

    @Test func aPasswordInTheURLStaysOutOfMessages() {
        let redacted = PostgreSQLDatabase.redacted("postgresql://peek:s3cret@db.internal:5432/peek")
        #expect(!redacted.contains("s3cret"))
        #expect(redacted.contains("db.internal:5432/peek"))
    }

    // MARK: Locks

    @Test func aServerThatTakesNoWritesIsNotWritable() throws {
        try withEmptyDatabase { url, server in
            _ = try PostgreSQLDatabase(url: url)
            let name = try #require(url.split(separator: "/").last)
            try server.admin { try $0.run("ALTER DATABASE \(name) SET default_transaction_read_only = on") }
            let database = try PostgreSQLDatabase(url: url)
            expectUnavailable { try database.checkWritable() }
        }
    }

    @Test func aClaimSkipsTheJobAnotherTransactionHoldsInsteadOfWaiting() throws {
        try withEmptyDatabase { url, _ in
            let database = try PostgreSQLDatabase(url: url)
            let queue = database.jobQueue(testPolicy)
            let first = ImageRecord.fixture(createdAt: 1), second = ImageRecord.fixture(createdAt: 2)
            for image in [first, second] { try queue.enqueue(image, client: "192.0.2.1") }
            let holder = try PostgreSQLConnection(settings: PostgreSQLSettings(url: url, lockTimeoutSeconds: 5))
            try holder.run("BEGIN")
            try holder.execute("SELECT id FROM jobs WHERE image_id = $1 FOR UPDATE", [first.id])
            let started = Date()
            #expect(try queue.claim(owner: "worker-a")?.imageID == second.id)
            #expect(Date().timeIntervalSince(started) < 1)
            try holder.run("ROLLBACK")
            #expect(try queue.claim(owner: "worker-b")?.imageID == first.id)
        }
    }

    @Test func aBlobLockHeldPastTheBusyTimeoutIsReportedAsLocked() throws {
        try withEmptyDatabase { url, _ in
            let digest = String(repeating: "ab", count: 32)
            let holder = try PostgreSQLConnection(settings: PostgreSQLSettings(url: url, lockTimeoutSeconds: 5))
            _ = try PostgreSQLDatabase(url: url)
            try holder.run("BEGIN")
            try PostgreSQLLocks.lockBlobs([digest], on: holder)
            let impatient = try PostgreSQLDatabase(url: url, busyTimeout: 0.2)
            let started = Date()
            #expect(throws: StoreError.databaseLocked) {
                _ = try impatient.deletions.discardUnreferenced([digest]) { (_: String) throws(StoreError) in }
            }
            #expect(Date().timeIntervalSince(started) < 3)
            try holder.run("ROLLBACK")
            #expect(try impatient.deletions.discardUnreferenced([digest]) { (_: String) throws(StoreError) in } == 1)
        }
    }

    // MARK: Wake-ups

    @Test func anEnqueueOnAnotherConnectionWakesAnIdleWorkerAtOnce() throws {
        try withEmptyDatabase { url, _ in
            try withTemporaryDirectory { directory in
                let local = WakeupSignal(path: directory.appendingPathComponent("worker.wake").path)
                let listener = try PostgreSQLDatabase(url: url).wakeups(local: local).listener()
                #expect(!listener.wait(timeout: 0.2))

                let uploader = try PostgreSQLDatabase(url: url)
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: 0.3)
                    try? uploader.jobQueue(testPolicy).enqueue(ImageRecord.fixture(), client: "192.0.2.1")
                }
                let started = Date()
                #expect(listener.wait(timeout: 10))
                // Well before the worker's periodic look at the queue (2 s).
                #expect(Date().timeIntervalSince(started) < 1.5)
                #expect(!listener.wait(timeout: 0.2))

                // The stop signal pokes the local FIFO, which wakes the listener too.
                local.notify()
                #expect(listener.wait(timeout: 5))
            }
        }
    }

    // MARK: Restarts

    /// The server is restarted in the middle of an upload's transaction, then stopped and started
    /// again, under one provider as a FastCGI process holds it: the interrupted upload leaves
    /// nothing, calls fail as an unavailable database (503) while the server is down, and the same
    /// provider, queue and worker listener work again once it is back, without a process restart.
    @Test func aServerRestartLeavesNothingHalfWrittenAndServiceResumesByItself() throws {
        // A server of its own: restarting the shared one would disturb the tests running beside this one.
        let server = try PostgreSQLTestServer()
        defer { try? server.stop() }
        let url = try server.createDatabase()
        try withTemporaryDirectory { directory in
            let configuration = try PeekConfiguration(environment: ["PEEK_DATA_DIR": directory.path, "PEEK_DATABASE_URL": url])
            let provider = DatabaseProvider(configuration: configuration)
            let queue = { () throws(StoreError) -> any JobQueue in try provider.get().jobQueue(testPolicy) }
            let kept = ImageRecord.fixture(createdAt: 1)
            try queue().enqueue(kept, client: "192.0.2.1")
            let local = WakeupSignal(path: directory.appendingPathComponent("worker.wake").path)
            let listener = try provider.get().wakeups(local: local).listener()

            // The rows are in, the COMMIT not sent, when the server restarts.
            let interrupted = ImageRecord.fixture(createdAt: 2)
            expectUnavailable {
                try queue().enqueue(interrupted, client: "192.0.2.1") { () throws(StoreError) in try? server.restart() }
            }
            #expect(try provider.get().images.image(kept.id) != nil)
            #expect(try provider.get().images.image(interrupted.id) == nil)
            #expect(try queue().depth().queued == 1)

            try server.stop()
            expectUnavailable { _ = try provider.get().images.image(kept.id) }
            expectUnavailable { _ = try queue().claim(owner: "worker-a") }
            expectUnavailable { try queue().enqueue(.fixture(), client: "192.0.2.1") }
            expectUnavailable { try provider.get().checkWritable() }
            // The listener notices its connection is gone, then sleeps its timeouts out (no spinning).
            _ = listener.wait(timeout: 0.2)
            let sleeping = Date()
            #expect(!listener.wait(timeout: 0.3))
            #expect(Date().timeIntervalSince(sleeping) >= 0.25)

            try server.start()
            let job = try #require(try queue().claim(owner: "worker-a"))
            #expect(job.imageID == kept.id)
            #expect(try queue().complete(job, insightsJSON: "{}", annotatedSHA256: kept.blobSHA256, renditions: [],
                                         processingMs: 1, confirmingBlobs: {}))
            #expect(try provider.get().images.image(kept.id)?.status == .completed)

            // The listener connects again on its next wait and hears the next upload.
            _ = listener.wait(timeout: 1)
            let uploader = try PostgreSQLDatabase(url: url)
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 0.3)
                try? uploader.jobQueue(testPolicy).enqueue(ImageRecord.fixture(), client: "192.0.2.1")
            }
            #expect(listener.wait(timeout: 10))
        }
    }
}
