import Foundation

/// The bubblewrap command line of one sandboxed process (SPEC §11): the system read-only and
/// nothing else of the host but the given mounts; fresh pid, IPC, UTS and (for runs) network
/// namespaces and no /proc, so the host's processes, /proc/1/environ and even loopback are out of
/// reach; an empty environment; an unprivileged user; rlimits set by prlimit before the command
/// starts.
public struct SandboxInvocation: Sendable, Equatable {
    /// Whether the process may reach the network: never for runs, the package index for builds.
    public enum Network: Sendable, Equatable {
        case none, host
    }

    public var mounts: [SandboxMount]
    public var network: Network
    public var workingDirectory: String
    public var environment: [String: String]
    public var command: [String]
    public var limits: SandboxLimits
    /// When the worker is root: the uid (and gid) the command runs as. Otherwise the command runs
    /// as the worker's own user inside an unprivileged user namespace.
    public var uid: UInt32?

    /// What the system offers every sandbox, read-only: the programs and libraries, and the few
    /// files of /etc that the dynamic linker, Python and TLS read. Not /etc as a whole (it holds
    /// Peek's settings, with the database password on a VPS).
    static let systemFiles = ["/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives", "/etc/ssl", "/etc/ca-certificates",
                              "/etc/mime.types"]
    /// What a build adds: name resolution for the package index.
    static let networkFiles = ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf"]
    /// Debian 12 keeps its programs in /usr; these top-level names are links into it (or folders on older systems).
    static let usrLinks = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"]

    /// Whether /proc/sys is mounted writable here (not under systemd's ProtectKernelTunables).
    static let sysctlsWritable: Bool = {
        var status = statvfs()
        return statvfs("/proc/sys/user", &status) == 0 && status.f_flag & UInt(ST_RDONLY) == 0
    }()

    public init(mounts: [SandboxMount], network: Network, workingDirectory: String, environment: [String: String],
                command: [String], limits: SandboxLimits, uid: UInt32?) {
        self.mounts = mounts
        self.network = network
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.command = command
        self.limits = limits
        self.uid = uid
    }

    /// bwrap's arguments, then the command behind setpriv (when root), prlimit and nice.
    public func arguments(bwrap: String = "/usr/bin/bwrap") -> [String] {
        // A UTS namespace of its own, but no hostname set in it: systemd's ProtectHostname forbids
        // sethostname even there (found under a real systemd, Tests/VPSTests).
        var arguments = [bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                         "--unshare-cgroup-try", "--clearenv"]
        if network == .none { arguments.append("--unshare-net") }
        // Unprivileged: bwrap makes a user namespace, and inside it no capability. No further user
        // namespace either, where bwrap can say so: it writes /proc/sys/user/max_user_namespaces,
        // which systemd's ProtectKernelTunables makes read-only (the unit's RestrictNamespaces
        // still bounds what a nested one could do).
        if uid == nil {
            arguments += ["--unshare-user", "--cap-drop", "ALL"]
            if Self.sysctlsWritable { arguments.append("--disable-userns") }
        }
        arguments += ["--ro-bind", "/usr", "/usr"]
        for name in Self.usrLinks {
            let path = "/" + name
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                arguments += ["--symlink", target, path]
            } else if FileManager.default.fileExists(atPath: path) {
                arguments += ["--ro-bind", path, path]
            }
        }
        // Folders bwrap makes for a mount are root's and 0700 unless told otherwise: a sandbox
        // user could not even look into /etc.
        arguments += ["--perms", "0755", "--dir", "/etc"]
        let etc = Self.systemFiles + (network == .host ? Self.networkFiles : [])
        for path in etc { arguments += ["--ro-bind-try", path, path] }
        // No /proc at all: nothing of any process to read, and no new proc mount, which systemd's
        // ProtectKernelTunables and ProcSubset would refuse. /dev is bwrap's few devices.
        arguments += ["--dev", "/dev",
                      "--perms", "1777", "--size", String(limits.temporaryBytes), "--tmpfs", "/tmp"]
        for mount in mounts where (mount.destination as NSString).deletingLastPathComponent != "/" {
            arguments += ["--perms", "0755", "--dir", (mount.destination as NSString).deletingLastPathComponent]
        }
        for mount in mounts {
            arguments += [mount.writable ? "--bind" : "--ro-bind", mount.source, mount.destination]
        }
        arguments += ["--remount-ro", "/", "--chdir", workingDirectory]
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["--setenv", name, value] }
        arguments.append("--")
        if let uid {
            arguments += ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--inh-caps=-all",
                          "--bounding-set=-all", "--no-new-privs", "--"]
        }
        // CPU time is a backstop to the wall-clock limit the worker enforces (a second more, per process).
        let cpuSeconds = Int(limits.seconds.rounded(.up)) + 1
        arguments += ["/usr/bin/prlimit", "--as=\(limits.memoryBytes)", "--nproc=\(limits.processes)",
                      "--cpu=\(cpuSeconds)", "--core=0", "--nofile=256"]
        if limits.outputBytes > 0 { arguments.append("--fsize=\(limits.outputBytes)") }
        // Analyses come first when both want the CPU: a run is niced.
        arguments += ["--", "/usr/bin/nice", "-n", "10"]
        return arguments + command
    }
}
