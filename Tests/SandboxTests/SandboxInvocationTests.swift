import Foundation
import Testing
@testable import Sandbox

/// The bubblewrap command line, read as an attacker would: what reaches the sandbox and what does not.
@Suite struct SandboxInvocationTests {
    static let limits = SandboxLimits(seconds: 60, memoryBytes: 2 << 30, processes: 64, outputBytes: 256 << 20, outputFiles: 100)

    static func run(uid: UInt32?) -> SandboxInvocation {
        SandboxInvocation(mounts: [.readOnly("/srv/peek/models/v/venv", at: "/opt/venv"), .writable("/srv/peek/tmp/run/output", at: "/output")],
                          network: .none, workingDirectory: "/tmp", environment: ["HOME": "/tmp"],
                          command: ["/opt/venv/bin/python3", "runner.py"], limits: limits, uid: uid)
    }

    @Test func aRunHasNoNetworkNoHostEnvironmentAndFreshNamespaces() {
        let arguments = Self.run(uid: nil).arguments()
        for flag in ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--clearenv", "--die-with-parent", "--new-session"] {
            #expect(arguments.contains(flag), "missing \(flag)")
        }
        #expect(!arguments.contains("--share-net"))
        // No /proc: not even the sandbox's own processes to read.
        #expect(!arguments.contains("--proc"))
        // The whole of /etc is never mounted (a VPS keeps the database password in /etc/peek/peek.env).
        #expect(!zip(arguments, arguments.dropFirst()).contains { $0 == "--ro-bind" && $1 == "/etc" })
        #expect(!arguments.contains("/etc/resolv.conf"))
    }

    @Test func onlyTheOutputFolderIsWritable() {
        let arguments = Self.run(uid: nil).arguments()
        let writable = zip(arguments, arguments.dropFirst()).filter { $0.0 == "--bind" }.map(\.1)
        #expect(writable == ["/srv/peek/tmp/run/output"])
        #expect(arguments.contains("--remount-ro"))
    }

    @Test func aRootWorkerDropsToTheSandboxUserWithoutCapabilities() {
        let arguments = Self.run(uid: 1_200_042).arguments()
        let command = Array(arguments.drop { $0 != "--" }.dropFirst())
        #expect(command.prefix(3) == ["/usr/bin/setpriv", "--reuid=1200042", "--regid=1200042"])
        #expect(command.contains("--bounding-set=-all") && command.contains("--no-new-privs"))
        #expect(!arguments.contains("--unshare-user"))
    }

    @Test func anUnprivilegedWorkerUsesAUserNamespaceWithNoCapabilities() {
        let arguments = Self.run(uid: nil).arguments()
        #expect(arguments.contains("--unshare-user") && arguments.contains("--cap-drop"))
        // Where /proc/sys is writable (not under systemd's ProtectKernelTunables), no nested user namespace either.
        #expect(arguments.contains("--disable-userns") == SandboxInvocation.sysctlsWritable)
        #expect(!arguments.contains("/usr/bin/setpriv"))
    }

    @Test func theLimitsAreSetBeforeTheCommandStarts() {
        let arguments = Self.run(uid: nil).arguments()
        let prlimit = Array(arguments.drop { $0 != "/usr/bin/prlimit" })
        #expect(prlimit.contains("--as=\(2 << 30)") && prlimit.contains("--nproc=64") && prlimit.contains("--fsize=\(256 << 20)"))
        #expect(prlimit.contains("--cpu=61") && prlimit.contains("--core=0"))
        #expect(Array(arguments.suffix(2)) == ["/opt/venv/bin/python3", "runner.py"])
    }

    @Test func aBuildReachesTheNetworkForThePackageIndex() {
        var build = Self.run(uid: nil)
        build.network = .host
        let arguments = build.arguments()
        #expect(!arguments.contains("--unshare-net"))
        #expect(arguments.contains("/etc/resolv.conf"))
    }
}
