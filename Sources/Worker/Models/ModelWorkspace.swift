import Foundation
import PeekStore

/// Where the worker keeps models under the data directory: `models/runner.py` (Peek's runner),
/// `models/versions/VID/{package,venv}` (a version's unpacked package and the environment built
/// once for it), `models/pip-cache/OWNER` (wheels one owner's builds share: one owner's build
/// can never put a file in another's cache), and a folder per run under `tmp/`.
struct ModelWorkspace {
    let root: URL
    let temporary: URL

    init(directory: DataDirectory) {
        root = directory.root.appendingPathComponent("models", isDirectory: true)
        temporary = directory.temporary
    }

    var runner: URL { root.appendingPathComponent("runner.py") }

    func version(_ id: String) -> URL {
        root.appendingPathComponent("versions", isDirectory: true).appendingPathComponent(id, isDirectory: true)
    }

    func package(_ versionID: String) -> URL { version(versionID).appendingPathComponent("package", isDirectory: true) }

    func environment(_ versionID: String) -> URL { version(versionID).appendingPathComponent("venv", isDirectory: true) }

    func pipCache(owner: Int64) -> URL {
        root.appendingPathComponent("pip-cache", isDirectory: true).appendingPathComponent(String(owner), isDirectory: true)
    }

    /// A new, empty folder for one run (or smoke run): `input/` and `output/` inside.
    func newRunFolder() throws -> URL {
        let folder = temporary.appendingPathComponent("model-run-\(UUID().uuidString)", isDirectory: true)
        for name in ["input", "output"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        return folder
    }
}
