import Foundation
import PeekTestSupport
@testable import PeekStore

/// A PostgreSQL server of the tests' own: Debian's binaries, `initdb` into a temporary folder,
/// trust authentication on 127.0.0.1 only, a free port, no Unix socket. Stopped (and its folder
/// removed) when the test process exits. As root the server runs as the `postgres` user, since
/// PostgreSQL refuses to run as root.
final class PostgreSQLTestServer: @unchecked Sendable {
    /// The folder of `initdb` and `pg_ctl`, or nil when PostgreSQL's server is not installed.
    static let binaries: URL? = {
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let versions = ["15"] + installed.sorted(by: >).filter { $0 != "15" }
        return versions.map { URL(fileURLWithPath: "/usr/lib/postgresql/\($0)/bin") }.first { folder in
            FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("initdb").path)
                && FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("pg_ctl").path)
        }
    }()

    static let missingMessage = """
        PostgreSQL's server binaries (/usr/lib/postgresql/15/bin/initdb and pg_ctl) are not installed: \
        the PostgreSQL backend is not tested (apt-get install postgresql; ./spawn.sh test installs it)
        """

    /// The server the behaviour tests share, each test in a database of its own.
    static let shared = Result { try PostgreSQLTestServer() }

    private static let running = Locked<[PostgreSQLTestServer]>([])
    private static let cleanup: Void = {
        atexit { PostgreSQLTestServer.stopAll() }
    }()

    let port: Int
    private let folder: URL
    private let binaries: URL
    private var data: String { folder.appendingPathComponent("data").path }

    init() throws {
        guard let binaries = Self.binaries else { throw TestServerError(message: Self.missingMessage) }
        self.binaries = binaries
        folder = URL(fileURLWithPath: "/tmp/peek-postgresql-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = try freeLoopbackPort()
        if let user = Self.serverUser { try run("/bin/chown", [user, folder.path], asServer: false) }
        try run(binaries.appendingPathComponent("initdb").path,
                ["-D", data, "-U", "peek", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        let settings = """

            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = ''
            max_connections = 300
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """
        let configuration = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/postgresql.conf"))
        configuration.seekToEndOfFile()
        configuration.write(Data(settings.utf8))
        try configuration.close()
        _ = Self.cleanup
        Self.running.mutate { $0.append(self) }
        try start()
    }

    /// The URL of a database on this server (`postgres` is there from the start).
    func url(database: String) -> String {
        "postgresql://peek@127.0.0.1:\(port)/\(database)"
    }

    /// A new, empty database; its URL.
    func createDatabase() throws -> String {
        let name = "peek_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        try admin { try $0.run("CREATE DATABASE \(name)") }
        return url(database: name)
    }

    func dropDatabase(_ url: String) {
        guard let name = url.split(separator: "/").last else { return }
        try? admin { try $0.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// Runs `body` on a connection to the `postgres` database.
    func admin(_ body: (PostgreSQLConnection) throws -> Void) throws {
        let connection = try PostgreSQLConnection(settings: PostgreSQLSettings(url: url(database: "postgres"), lockTimeoutSeconds: 30))
        try body(connection)
    }

    func start() throws {
        try pgctl(["start", "-w", "-t", "60", "-l", folder.appendingPathComponent("server.log").path])
    }

    /// Stops the server as an administrator would for maintenance (`fast`: sessions are ended).
    func stop() throws {
        try pgctl(["stop", "-w", "-m", "fast"])
    }

    func restart() throws {
        try pgctl(["restart", "-w", "-m", "fast", "-l", folder.appendingPathComponent("server.log").path])
    }

    private func pgctl(_ arguments: [String]) throws {
        try run(binaries.appendingPathComponent("pg_ctl").path, arguments + ["-D", data])
    }

    /// Stops every server this process started and removes their folders.
    static func stopAll() {
        for server in running.value {
            try? server.run(server.binaries.appendingPathComponent("pg_ctl").path,
                            ["stop", "-w", "-m", "immediate", "-D", server.data])
            try? FileManager.default.removeItem(at: server.folder)
        }
    }

    /// The user the server runs as: `postgres` when this process is root, else this process's user.
    private static let serverUser: String? = getuid() == 0 ? (getpwnam("postgres") != nil ? "postgres" : "nobody") : nil

    /// Runs a program to its end, its output in a file: posix_spawn and waitpid, since Foundation's
    /// Process can miss the exit of a child whose own child (the postmaster) lives on.
    private func run(_ executable: String, _ arguments: [String], asServer: Bool = true) throws {
        var argv = [executable] + arguments
        if asServer, let user = Self.serverUser { argv = ["/usr/sbin/runuser", "-u", user, "--"] + argv }
        let output = "/tmp/peek-postgresql-\(UUID().uuidString).out"
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let copies = argv.map { strdup($0) } + [nil]
        defer { for copy in copies { free(copy) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, copies, environ)
        guard spawned == 0 else { throw TestServerError(message: "cannot run \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, which Swift does not import).
        guard status & 0xFFFF == 0 else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            throw TestServerError(message: "\(argv.joined(separator: " ")) failed (status \(status)): \(text)\n\(log.suffix(2_000))")
        }
    }
}

struct TestServerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw TestServerError(message: "socket: \(errno)") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
        }
    }
    guard bound else { throw TestServerError(message: "bind: \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}
