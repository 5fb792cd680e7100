import Foundation
import PeekCore
import Sandbox

/// The two sandboxes of SPEC §11 as bubblewrap invocations: a build (network allowed, only the
/// version's environment and the owner's pip cache writable) and a run (no network, the
/// environment, package and input read-only, one writable output folder).
struct ModelSandboxes {
    /// Where things appear inside the sandbox.
    static let environmentPath = "/opt/venv"
    static let packagePath = "/opt/model"
    static let runnerPath = "/opt/peek/runner.py"
    static let pipCachePath = "/opt/pip-cache"
    static let inputFolder = "/input"
    static let outputPath = "/output"

    /// Threads of numeric libraries: one, as a run has one CPU.
    static let environment = [
        "PATH": "\(environmentPath)/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "TMPDIR": "/tmp",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    ]

    let configuration: PeekConfiguration
    let workspace: ModelWorkspace

    /// `python3 -m venv`, then `pip install` of the requirements, wheels only.
    func build(versionID: String, pipCache: URL, hasRequirements: Bool, uid: UInt32?) -> SandboxInvocation {
        var script = "/usr/bin/python3 -m venv \(Self.environmentPath)"
        if hasRequirements {
            script += " && exec \(Self.environmentPath)/bin/python3 -m pip install --only-binary=:all: --no-input"
                + " --disable-pip-version-check --progress-bar off --cache-dir \(Self.pipCachePath)"
                + " -r \(Self.packagePath)/requirements.txt"
        }
        return SandboxInvocation(
            mounts: [.writable(workspace.environment(versionID).path, at: Self.environmentPath),
                     .readOnly(workspace.package(versionID).path, at: Self.packagePath),
                     .writable(pipCache.path, at: Self.pipCachePath)],
            network: .host, workingDirectory: "/tmp",
            environment: Self.environment.merging(["PIP_NO_COLOR": "1", "PYTHONUNBUFFERED": "1"]) { $1 },
            command: ["/bin/sh", "-c", script], limits: .build(configuration), uid: uid)
    }

    /// The runner on one input file.
    func run(versionID: String, input: URL, output: URL, uid: UInt32?) -> SandboxInvocation {
        let inputPath = Self.inputFolder + "/" + input.lastPathComponent
        return SandboxInvocation(
            mounts: [.readOnly(workspace.environment(versionID).path, at: Self.environmentPath),
                     .readOnly(workspace.package(versionID).path, at: Self.packagePath),
                     .readOnly(workspace.runner.path, at: Self.runnerPath),
                     .readOnly(input.path, at: inputPath),
                     .writable(output.path, at: Self.outputPath)],
            network: .none, workingDirectory: "/tmp", environment: Self.environment,
            // -I: no PYTHON* variable, no user site, not the script's folder on sys.path; -u: the
            // log in order; -B: nothing written beside the read-only sources.
            command: ["\(Self.environmentPath)/bin/python3", "-I", "-u", "-B", Self.runnerPath, Self.packagePath,
                      inputPath, Self.outputPath],
            limits: .run(configuration), uid: uid)
    }
}
