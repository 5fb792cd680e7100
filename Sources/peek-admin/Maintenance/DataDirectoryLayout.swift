import Foundation
import Shared

/// The folders every process expects in the data directory, and the database's file modes.
struct DataDirectoryLayout {
    let configuration: PeekConfiguration

    /// Creates blobs/ and tmp/ when missing, and makes the database files private to Peek's user:
    /// nginx's user shares the group to read blobs, but has no business in the database. SQLite
    /// gives the -wal and -shm files the database file's mode.
    func prepare() throws {
        let manager = FileManager.default
        for directory in [configuration.blobDirectory, configuration.temporaryDirectory] {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        for suffix in ["", "-wal", "-shm"] {
            let path = configuration.databaseURL.path + suffix
            var status = stat()
            guard stat(path, &status) == 0 else { continue }
            if status.st_mode & 0o077 != 0, chmod(path, 0o600) != 0 {
                throw MaintenanceError.system("chmod", path)
            }
        }
    }
}
