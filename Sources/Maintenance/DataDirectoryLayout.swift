import Foundation
import PeekCore
import PeekStore

/// The folders every process expects in the data directory, and the database's file modes.
public struct DataDirectoryLayout {
    let configuration: PeekConfiguration

    /// Creates blobs/ and tmp/ when missing, and makes the database files private to Peek's user:
    /// nginx's user shares the group to read blobs, but has no business in the database. SQLite
    /// gives the -wal and -shm files the database file's mode.
    public init(configuration: PeekConfiguration) {
        self.configuration = configuration
    }

    public func prepare() throws {
        let manager = FileManager.default
        let directory = DataDirectory(configuration: configuration)
        for folder in [directory.blobs, directory.temporary] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for suffix in ["", "-wal", "-shm"] {
            let path = directory.database.path + suffix
            var status = stat()
            guard stat(path, &status) == 0 else { continue }
            if status.st_mode & 0o077 != 0, chmod(path, 0o600) != 0 {
                throw MaintenanceError.system("chmod", path)
            }
        }
    }
}
