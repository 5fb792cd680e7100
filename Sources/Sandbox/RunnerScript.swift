import Foundation
import PeekCore

/// Peek's runner (`Runner/runner.py`, embedded in the binary at build time), written where the
/// sandbox mounts it from: a package can never bring its own.
public enum RunnerScript {
    public static var source: [UInt8] { PackageResources.runner_py }

    /// Writes the runner to `url` (read-only for everyone but its owner) unless it holds it already.
    public static func install(at url: URL) throws(SandboxError) {
        if let existing = FileManager.default.contents(atPath: url.path), Array(existing) == source { return }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".runner-\(getpid()).py")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(source).write(to: temporary)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: temporary.path)
            guard rename(temporary.path, url.path) == 0 else { throw SystemError(operation: "rename", path: url.path) }
        } catch let error as SystemError {
            throw .system(error)
        } catch {
            throw .system(SystemError(operation: "write", path: url.path, code: EIO))
        }
    }
}
