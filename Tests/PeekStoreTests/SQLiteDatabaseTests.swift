import Foundation
import GRDB
import Testing
@testable import PeekStore
import PeekCore
import PeekTestSupport

@Suite struct SQLiteDatabaseTests {
    @Test func aNewDatabaseIsMigratedInWALMode() throws {
        try withDatabase { database, _ in
            let (journalMode, tables) = try database.writer.read { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                 try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('images', 'jobs', 'workers') ORDER BY name"))
            }
            #expect(journalMode == "wal")
            #expect(tables == ["images", "jobs", "workers"])
        }
    }

    @Test func reopeningAnExistingDatabaseKeepsItsRows() throws {
        try withDatabase { database, path in
            let image = ImageRecord.fixture()
            try SQLiteJobQueue(database: database, leaseSeconds: 30, maxAttempts: 3).enqueue(image, client: "192.0.2.1")
            let reopened = try SQLiteDatabase(path: path)
            #expect(try reopened.images.image(image.id)?.id == image.id)
            #expect(try SQLiteJobQueue(database: reopened, leaseSeconds: 30, maxAttempts: 3).depth().queued == 1)
        }
    }

    @Test func theDatabaseFolderIsCreatedWhenMissing() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("nested/data/peek.sqlite").path
            _ = try SQLiteDatabase(path: path)
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func migrationsAppliedConcurrentlyToANewFileRunOnce() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("peek.sqlite").path
            let opened = Locked(0)
            try runOnThreads(8) { _ in
                let database = try SQLiteDatabase(path: path)
                _ = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs") }
                opened.mutate { $0 += 1 }
            }
            #expect(opened.value == 8)

            func schemaAndMigrations(_ path: String) throws -> ([String], [String]) {
                try SQLiteDatabase(path: path).writer.read { db in
                    (try Row.fetchAll(db, sql: "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
                        .map { "\($0["type"] as String) \($0["name"] as String)" },
                     try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                }
            }
            let (schema, migrations) = try schemaAndMigrations(path)
            let alone = try schemaAndMigrations(directory.appendingPathComponent("alone.sqlite").path)
            #expect(schema == alone.0)
            #expect(schema.contains("table jobs") && schema.contains("table users"))
            #expect(migrations == Migrations.migrator.migrations)
        }
    }

    @Test func aDatabaseThatCannotBeCreatedThrows() throws {
        try withTemporaryDirectory { directory in
            // A regular file where the database's folder should be.
            let blocker = directory.appendingPathComponent("data")
            try Data("not a folder".utf8).write(to: blocker)
            #expect(throws: (any Error).self) { _ = try SQLiteDatabase(path: blocker.appendingPathComponent("peek.sqlite").path) }
        }
    }
}
