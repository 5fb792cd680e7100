import Foundation

/// Who a sandbox runs as. A worker running as root (development, CI) hands each sandbox a uid of
/// its own, so that a run owns nothing of the host and its process limit counts only its own
/// processes; a worker running as an ordinary user (`peek` under systemd) runs sandboxes as
/// itself inside an unprivileged user namespace, with no capability.
struct SandboxUser {
    /// Builds use `base + owner`, runs `base + 1_000_000 + job`, each modulo a million.
    static let span: Int64 = 1_000_000

    let base: Int

    var isRoot: Bool { geteuid() == 0 }

    func forBuild(owner: Int64) -> UInt32? {
        isRoot ? UInt32(Int64(base) + owner % Self.span) : nil
    }

    func forRun(job: Int64) -> UInt32? {
        isRoot ? UInt32(Int64(base) + Self.span + job % Self.span) : nil
    }

    /// Gives the folder `url` (not what it holds) to `uid`, when there is one.
    func give(_ url: URL, to uid: UInt32?) {
        guard let uid else { return }
        lchown(url.path, uid, uid)
    }
}
