import Foundation

/// Durable file copies for backup and restore: each file is written under a temporary name,
/// fsynced and renamed; every directory that received entries is fsynced at the end.
final class FileCopier {
    /// When set (restoring as root), everything created gets this owner.
    let owner: (uid: uid_t, gid: gid_t)?
    private var touchedDirectories = Set<String>()

    init(owner: (uid: uid_t, gid: gid_t)? = nil) {
        self.owner = owner
    }

    /// Creates `url` and its missing parents, each with the permissions of the directory at the
    /// same depth under `template` when there is one (blob shards keep their modes), else 0750.
    func makeDirectory(_ url: URL, like template: URL? = nil) throws {
        var missing: [(path: String, mode: mode_t)] = []
        var cursor = url.standardizedFileURL
        var model = template?.standardizedFileURL
        while !FileManager.default.fileExists(atPath: cursor.path) {
            missing.append((cursor.path, model.flatMap { Self.permissions(of: $0.path) } ?? 0o750))
            cursor = cursor.deletingLastPathComponent()
            model = model?.deletingLastPathComponent()
        }
        for (path, mode) in missing.reversed() {
            guard mkdir(path, mode) == 0 || errno == EEXIST else { throw MaintenanceError.system("mkdir", path) }
            guard chmod(path, mode) == 0 else { throw MaintenanceError.system("chmod", path) }
            try applyOwner(path)
            touchedDirectories.insert((path as NSString).deletingLastPathComponent)
        }
    }

    /// Copies `source` to `destination` (replacing it) with the source's permissions unless `mode`
    /// is given, or hard-links it when `link` is set and both are on one file system.
    func copy(_ source: URL, to destination: URL, mode: mode_t? = nil, link: Bool = false) throws {
        try makeDirectory(destination.deletingLastPathComponent(), like: source.deletingLastPathComponent())
        let mode = mode ?? Self.permissions(of: source.path) ?? 0o640
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).partial").path
        unlink(temporary)
        if link, Glibc.link(source.path, temporary) == 0 {
            // Linked: same inode, nothing to write or sync but the directory entry.
        } else {
            try copyBytes(from: source.path, to: temporary, mode: mode)
            guard chmod(temporary, mode) == 0 else { throw MaintenanceError.system("chmod", temporary) }
        }
        try applyOwner(temporary)
        guard rename(temporary, destination.path) == 0 else {
            let error = MaintenanceError.system("rename", destination.path)
            unlink(temporary)
            throw error
        }
        touchedDirectories.insert(destination.deletingLastPathComponent().path)
    }

    /// fsyncs every directory that received a new entry, so the renames survive a power loss.
    func syncDirectories() throws {
        for path in touchedDirectories.sorted() {
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw MaintenanceError.system("open", path) }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw MaintenanceError.system("fsync", path) }
        }
        touchedDirectories.removeAll()
    }

    private func copyBytes(from source: String, to destination: String, mode: mode_t) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw MaintenanceError.system("open", source) }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard output >= 0 else { throw MaintenanceError.system("create", destination) }
        var closed = false
        defer { if !closed { close(output) } }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(input, buffer, 1 << 20)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw MaintenanceError.system("read", source) }
            if count == 0 { break }
            var written = 0
            while written < count {
                let result = write(output, buffer + written, count - written)
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else { throw MaintenanceError.system("write", destination) }
                written += result
            }
        }
        guard fsync(output) == 0 else { throw MaintenanceError.system("fsync", destination) }
        closed = true
        guard close(output) == 0 else { throw MaintenanceError.system("close", destination) }
    }

    static func permissions(of path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & 0o7777
    }

    private func applyOwner(_ path: String) throws {
        guard let owner else { return }
        guard lchown(path, owner.uid, owner.gid) == 0 else { throw MaintenanceError.system("chown", path) }
    }
}
