import Foundation
import GRDB
import PeekStore

/// One consistent copy of a live SQLite database through SQLite's online backup API: it reads a
/// single snapshot (WAL lets the writers go on meanwhile) and writes a self-contained file in
/// rollback-journal mode, with no -wal beside it to lose.
struct DatabaseSnapshot {
    let source: URL

    /// Writes the copy to `destination` atomically (temporary name, fsync, rename).
    func write(to destination: URL, mode: mode_t = 0o600) throws {
        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).partial")
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(partial.path + suffix) }

        let reader = try SQLiteInventory.openReadOnly(source.path)
        let writer = try DatabaseQueue(path: partial.path)
        try reader.backup(to: writer)
        try writer.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
        }
        try writer.close()
        try reader.close()

        guard chmod(partial.path, mode) == 0 else { throw MaintenanceError.system("chmod", partial.path) }
        let descriptor = open(partial.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MaintenanceError.system("open", partial.path) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced else { throw MaintenanceError.system("fsync", partial.path) }
        guard rename(partial.path, destination.path) == 0 else {
            throw MaintenanceError.system("rename", destination.path)
        }
    }
}
