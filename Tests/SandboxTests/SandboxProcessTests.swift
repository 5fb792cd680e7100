import Foundation
import Testing
@testable import Sandbox

/// A real bubblewrap sandbox (where bubblewrap is installed): limits the worker enforces while
/// the process runs, and the runner's channel.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap")))
struct SandboxProcessTests {
    static func invocation(_ script: String, seconds: Double = 5, output: URL? = nil) -> SandboxInvocation {
        SandboxInvocation(mounts: output.map { [.writable($0.path, at: "/output")] } ?? [], network: .none,
                          workingDirectory: "/tmp", environment: ["PATH": "/usr/bin:/bin"],
                          command: ["/usr/bin/python3", "-I", "-c", script],
                          limits: SandboxLimits(seconds: seconds, memoryBytes: 512 << 20, processes: 16,
                                                outputBytes: 8 << 20, outputFiles: 5),
                          uid: geteuid() == 0 ? 1_234_567 : nil)
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("peek-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        chown(url.path, 1_234_567, 1_234_567)
        return url
    }

    @Test func aProcessPastItsTimeLimitIsKilledAndSaysSo() throws {
        let started = Date()
        let outcome = try SandboxProcess(invocation: Self.invocation("import time; time.sleep(30)", seconds: 0.5),
                                         outputFolder: nil).run()
        #expect(outcome.stop == .timedOut(seconds: 0.5))
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func theChannelAndTheLogAreKeptApart() throws {
        let outcome = try SandboxProcess(invocation: Self.invocation(
            "import os, sys; print('to the log'); os.write(3, b'{\"event\": \"result\"}\\n')"), outputFolder: nil).run()
        #expect(outcome.succeeded)
        #expect(outcome.log == "to the log\n")
        #expect(outcome.channel == ["{\"event\": \"result\"}"])
    }

    @Test func anOutputFolderGrowingPastItsLimitStopsTheProcess() throws {
        let output = try Self.folder()
        defer { try? FileManager.default.removeItem(at: output) }
        let script = "import time\nfor i in range(4):\n    open(f'/output/{i}.bin', 'wb').write(b'x' * (7 << 20))\ntime.sleep(30)"
        let outcome = try SandboxProcess(invocation: Self.invocation(script, output: output), outputFolder: output).run()
        #expect(outcome.stop == .outputTooLarge(limitBytes: 8 << 20))
    }

    @Test func theLogKeepsItsLastPart() throws {
        let outcome = try SandboxProcess(invocation: Self.invocation("print('x' * 200000); print('the end')"),
                                         outputFolder: nil).run()
        #expect(outcome.logTruncated)
        #expect(outcome.log.hasSuffix("the end\n"))
        #expect(outcome.log.utf8.count == 64 * 1024)
    }
}
