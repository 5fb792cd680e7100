import Foundation
import Logging
import PeekCore
import PeekStore
import Sandbox

/// One run of a ready version on its job's image (SPEC §11): the input copied into a folder of
/// the run's own, the runner started in the run sandbox, its report read, and the output
/// folder's files stored as blobs.
struct ModelRun {
    /// What the run came to, for the job's record.
    struct Record {
        var verdict: RunVerdict
        var log: String
        var milliseconds: Int
        var outputs: [ModelJobOutput]
        /// How long after the claim `run` was entered (for the log and the benchmark).
        var enteredAfterMs: Double?
    }

    static let inputExtensions = ["image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/bmp": "bmp",
                                  "image/webp": "webp"]

    let job: ClaimedModelJob
    let sandboxes: ModelSandboxes
    let workspace: ModelWorkspace
    let user: SandboxUser
    let blobs: any BlobStore

    func perform(claimedAt: Date, stopRequested: @escaping () -> Bool) -> Record {
        var record = Record(verdict: .failed("the run could not be prepared"), log: "", milliseconds: 0, outputs: [])
        let folder: URL
        do { folder = try workspace.newRunFolder() } catch {
            record.verdict = .failed("the run could not be prepared: \(error)")
            return record
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "image." + (Self.inputExtensions[job.inputContentType ?? ""] ?? "bin")
        let input = folder.appendingPathComponent("input").appendingPathComponent(name)
        let output = folder.appendingPathComponent("output")
        do {
            guard let stored = try blobs.localFile(for: job.inputSHA256 ?? "") else { throw CocoaError(.fileNoSuchFile) }
            try FileManager.default.copyItem(atPath: stored.path, toPath: input.path)
            chmod(input.path, 0o644)
        } catch {
            record.verdict = .failed("the stored image is missing")
            return record
        }
        let uid = user.forRun(job: job.rowID)
        user.give(output, to: uid)
        let invocation = sandboxes.run(versionID: job.versionID, input: input, output: output, uid: uid)
        let outcome: SandboxOutcome
        do {
            outcome = try SandboxProcess(invocation: invocation, outputFolder: output).run(stopRequested: stopRequested)
        } catch {
            record.verdict = .failed("the run sandbox could not start: \(error)")
            return record
        }
        let (verdict, enteredAt) = RunVerdict.of(outcome, limits: invocation.limits)
        record.log = outcome.log
        record.milliseconds = outcome.milliseconds
        record.enteredAfterMs = enteredAt.map { ($0 - claimedAt.timeIntervalSince1970) * 1000 }
        record.verdict = verdict
        guard case .succeeded = verdict else { return record }
        switch OutputFiles.collect(output, maxFiles: invocation.limits.outputFiles, maxBytes: invocation.limits.outputBytes) {
        case .failure(let problem):
            record.verdict = .failed(problem.message)
        case .success(let files):
            do {
                record.outputs = try files.map { file in
                    ModelJobOutput(name: file.name, blobSHA256: try Self.store(file.path, in: blobs), contentType: file.contentType,
                                   byteSize: file.size)
                }
            } catch {
                record.verdict = .failed("the outputs could not be stored")
            }
        }
        return record
    }

    static func store(_ path: String, in blobs: any BlobStore) throws -> String {
        let mapped = try MappedFile(path: path)
        let result: Result<String, StoreError> = mapped.withBytes { bytes in
            Result { () throws(StoreError) in try blobs.store(bytes) }
        }
        return try result.get()
    }
}
