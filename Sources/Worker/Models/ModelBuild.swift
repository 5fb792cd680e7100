import Foundation
import Logging
import ModelPackage
import PeekCore
import PeekStore
import Sandbox

/// Builds a version (SPEC §11): unpacks its package, makes its virtual environment and installs
/// its requirements in the build sandbox (wheels only, time-limited, the output streamed into
/// `build_log`), then smoke-runs `run` on a generated picture in the run sandbox.
struct ModelBuild {
    /// How often the streamed log is written to the database while pip runs.
    static let logFlushSeconds = 0.5

    let job: ClaimedModelJob
    let configuration: PeekConfiguration
    let workspace: ModelWorkspace
    let sandboxes: ModelSandboxes
    let user: SandboxUser
    let blobs: any BlobStore
    let queue: any ModelJobQueue
    let logger: Logger

    /// The build's failure message, or nil when the version is ready; `.interrupted` when the worker stops.
    func perform(stopRequested: @escaping () -> Bool) -> RunVerdict {
        note("Peek: unpacking the package")
        let package: ModelPackage
        do {
            package = try unpack()
        } catch let error as PackageError {
            return .failed("the package could not be unpacked: \(error)")
        } catch {
            return .failed("the package could not be unpacked: \(error)")
        }
        let uid = user.forBuild(owner: job.modelOwnerID)
        let environment = workspace.environment(job.versionID)
        let cache = workspace.pipCache(owner: job.modelOwnerID)
        do {
            try? FileManager.default.removeItem(at: environment)
            try FileManager.default.createDirectory(at: environment, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        } catch {
            return .failed("the environment could not be made: \(error)")
        }
        user.give(environment, to: uid)
        // The folder only: what is inside is the earlier builds' of the same uid, and a walk as
        // root through a folder a build wrote could be led elsewhere by a link.
        user.give(cache, to: uid)
        note(package.hasRequirements
             ? "Peek: making the environment and installing requirements.txt (wheels only: pip install --only-binary=:all:, so no package's setup code runs)"
             : "Peek: making the environment (the package has no requirements.txt)")
        let invocation = sandboxes.build(versionID: job.versionID, pipCache: cache, hasRequirements: package.hasRequirements, uid: uid)
        var pending = ""
        var lastFlush = Date()
        let outcome: SandboxOutcome
        do {
            outcome = try SandboxProcess(invocation: invocation, outputFolder: nil).run(onLog: { text in
                pending += text
                if Date().timeIntervalSince(lastFlush) > Self.logFlushSeconds {
                    append(pending)
                    pending = ""
                    lastFlush = Date()
                }
            }, stopRequested: stopRequested)
        } catch {
            return .failed("the build sandbox could not start: \(error)")
        }
        append(pending)
        if let verdict = buildFailure(outcome) { return verdict }
        note("Peek: smoke run of run() on a generated \(SmokeImage.side)×\(SmokeImage.side) PNG, in the run sandbox")
        return smokeRun(stopRequested: stopRequested)
    }

    private func buildFailure(_ outcome: SandboxOutcome) -> RunVerdict? {
        switch outcome.stop {
        case .workerStopping: return .interrupted
        case .timedOut(let seconds): return .failed("the build timed out after \(seconds.formatted()) s (the limit)")
        default: break
        }
        guard outcome.status != 0 else { return nil }
        let missing = outcome.log.split(separator: "\n").first { $0.contains("Could not find a version that satisfies the requirement") }
        if let missing {
            note("Peek: pip found no wheel to install. Peek installs wheels only (--only-binary=:all:): a requirement "
                 + "with no wheel for this Python (3.11, Linux) — or that does not exist on PyPI — cannot be installed.")
            return .failed("pip could not install the requirements: \(missing.trimmingCharacters(in: .whitespaces))")
        }
        let last = outcome.log.split(separator: "\n").last { $0.contains("ERROR") } ?? outcome.log.split(separator: "\n").last
        return .failed("the build failed (status \(outcome.status))" + (last.map { ": \($0.prefix(300))" } ?? "; see the build log"))
    }

    /// The package's blob unpacked into the version's folder (again from scratch on a retry),
    /// readable by every sandbox user and writable by none.
    private func unpack() throws -> ModelPackage {
        let destination = workspace.package(job.versionID)
        let partial = destination.deletingLastPathComponent().appendingPathComponent("package.partial")
        try? FileManager.default.removeItem(at: partial)
        try? FileManager.default.removeItem(at: destination)
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        guard let stored = try blobs.localFile(for: job.packageSHA256) else { throw CocoaError(.fileNoSuchFile) }
        let package = try ModelPackage(checking: URL(fileURLWithPath: stored.path))
        try package.extract(into: partial)
        try Self.makeReadable(partial)
        try FileManager.default.moveItem(at: partial, to: destination)
        return package
    }

    static func makeReadable(_ folder: URL) throws {
        chmod(folder.path, 0o755)
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return }
        for case let path as String in walker {
            let url = folder.appendingPathComponent(path)
            var status = stat()
            guard lstat(url.path, &status) == 0 else { continue }
            chmod(url.path, status.st_mode & S_IFMT == S_IFDIR ? 0o755 : 0o644)
        }
    }

    private func smokeRun(stopRequested: @escaping () -> Bool) -> RunVerdict {
        let folder: URL
        do { folder = try workspace.newRunFolder() } catch { return .failed("the smoke run could not be prepared: \(error)") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input/smoke.png")
        let output = folder.appendingPathComponent("output")
        let uid = user.forBuild(owner: job.modelOwnerID)
        do { try SmokeImage.png().write(to: input) } catch { return .failed("the smoke image could not be written: \(error)") }
        chmod(input.path, 0o644)
        user.give(output, to: uid)
        let invocation = sandboxes.run(versionID: job.versionID, input: input, output: output, uid: uid)
        let outcome: SandboxOutcome
        do {
            outcome = try SandboxProcess(invocation: invocation, outputFolder: output).run(stopRequested: stopRequested)
        } catch {
            return .failed("the run sandbox could not start: \(error)")
        }
        append(outcome.log)
        switch RunVerdict.of(outcome, limits: invocation.limits).verdict {
        case .succeeded(let result):
            note("Peek: the smoke run returned \(result.prefix(500))")
            note("Peek: ready")
            return .succeeded(resultJSON: result)
        case .failed(let message):
            return .failed("the smoke run failed: \(message)")
        case .interrupted:
            return .interrupted
        }
    }

    private func note(_ line: String) {
        append(line + "\n")
    }

    private func append(_ text: String) {
        guard !text.isEmpty else { return }
        do {
            try queue.appendBuildLog(job, text)
        } catch {
            logger.warning("cannot append to the build log", metadata: ["error": "\(error)"])
        }
    }
}
