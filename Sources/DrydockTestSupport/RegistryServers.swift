import Foundation

/// The loopback registries of `scripts/registry/start`, started once per test process and stopped
/// when it exits: a plain docker-registry, a token-auth one with its token server, and the fault proxy.
///
/// When they cannot be started (docker-registry or skopeo missing and not installable), `shared()`
/// throws with the script's reason, so the tests that need them fail rather than pass silently.
public final class RegistryServers: Sendable {
    /// Port of the anonymous plain-HTTP registry.
    public let plainPort: Int
    /// Port of the token-auth registry.
    public let tokenPort: Int
    /// User name and password the token server accepts.
    public let tokenCredentials: (user: String, password: String)
    /// Port of the fault proxy in front of the plain registry.
    public let faultPort: Int
    /// User name and password the proxy's `basic` mode accepts.
    public let basicCredentials: (user: String, password: String)
    /// Port of `referrers_proxy.py`: the plain registry with the OCI 1.1 referrers API added.
    public let referrersPort: Int
    /// The state directory (logs, configs).
    public let state: URL

    init(state: URL, env: [String: String]) throws {
        func port(_ name: String) throws -> Int {
            guard let value = env[name].flatMap(Int.init) else {
                throw RegistryServerError(description: "scripts/registry/start wrote no \(name)")
            }
            return value
        }
        self.state = state
        plainPort = try port("PLAIN_PORT")
        tokenPort = try port("TOKEN_PORT")
        faultPort = try port("FAULT_PORT")
        referrersPort = try port("REFERRERS_PORT")
        tokenCredentials = (env["TOKEN_USER"] ?? "", env["TOKEN_PASSWORD"] ?? "")
        basicCredentials = (env["BASIC_USER"] ?? "", env["BASIC_PASSWORD"] ?? "")
    }

    nonisolated(unsafe) private static var started: Result<RegistryServers, RegistryServerError>?
    private static let lock = NSLock()

    /// The running registries, started on first use (bounded: the script times out every wait).
    public static func shared() throws -> RegistryServers {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { () throws(RegistryServerError) -> RegistryServers in try start() }
        started = result
        return try result.get()
    }

    private static func start() throws(RegistryServerError) -> RegistryServers {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent(
            "drydock-registries-\(UUID().uuidString)")
        let script = PackagePaths.root.appendingPathComponent("scripts/registry/start").path
        // The script leaves its servers running in the background, so it is spawned and reaped here
        // directly (bounded wait) rather than through Foundation's Process.
        let log = state.path + ".log"
        let status = spawnAndWait(["/bin/bash", script, state.path], log: log, timeout: 900)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: log)
        guard status == 0 else {
            throw RegistryServerError(
                description: "scripts/registry/start failed (\(status.map(String.init) ?? "timed out")): \(output)")
        }
        atexit {
            let stop = PackagePaths.root.appendingPathComponent("scripts/registry/stop").path
            if let state = RegistryServers.started.flatMap({ try? $0.get() })?.state {
                _ = RegistryServers.spawnAndWait(["/bin/bash", stop, state.path], log: "/dev/null", timeout: 30)
            }
        }
        let text = (try? String(contentsOf: state.appendingPathComponent("env"), encoding: .utf8)) ?? ""
        var env: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { env[parts[0]] = parts[1] }
        }
        do {
            return try RegistryServers(state: state, env: env)
        } catch let error as RegistryServerError {
            throw error
        } catch {
            throw RegistryServerError(description: "\(error)")
        }
    }

    /// Runs `arguments` with standard output and error appended to `log`; returns the exit status, or
    /// `nil` when it did not finish within `timeout` seconds (it is then killed).
    static func spawnAndWait(_ arguments: [String], log: String, timeout: Double) -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        SpawnFileActions.closeInherited(&actions)
        var pid: pid_t = 0
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        guard posix_spawn(&pid, arguments[0], &actions, nil, cArguments, environ) == 0 else { return -1 }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return (status >> 8) & 0xff }
            if result < 0 { return -1 }
            usleep(100_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return nil
    }

    /// Pushes `tag` of the OCI layout at `layout` to `127.0.0.1:port/repository:tag` with skopeo
    /// (`--all` keeps every platform of an index). Fails with skopeo's message.
    public func push(
        layout: URL, tag: String, port: Int, repository: String, credentials: (user: String, password: String)? = nil
    ) throws {
        var arguments = ["copy", "--quiet", "--all", "--dest-tls-verify=false"]
        if let credentials { arguments += ["--dest-creds", "\(credentials.user):\(credentials.password)"] }
        arguments += ["oci:\(layout.path):\(tag)", "docker://127.0.0.1:\(port)/\(repository):\(tag)"]
        guard let skopeo = ProcessRunner.which("skopeo") else {
            throw RegistryServerError(description: "skopeo is not installed (scripts/install-test-deps installs it)")
        }
        let result = try ProcessRunner.run(skopeo, arguments)
        guard result.status == 0 else {
            throw RegistryServerError(
                description: "skopeo \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
    }
}

/// Why the test registries could not be used.
public struct RegistryServerError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// An error saying `description`.
    public init(description: String) {
        self.description = description
    }
}
