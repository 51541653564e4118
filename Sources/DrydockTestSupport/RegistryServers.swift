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
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("drydock-registries-\(UUID().uuidString)")
        let script = PackagePaths.root.appendingPathComponent("scripts/registry/start").path
        let result: ProcessRunner.Result
        do {
            result = try ProcessRunner.run("/bin/bash", [script, state.path])
        } catch {
            throw RegistryServerError(description: "cannot run \(script): \(error)")
        }
        guard result.status == 0 else {
            throw RegistryServerError(
                description: "scripts/registry/start failed (\(result.status)): \(result.stderr)\(result.output)")
        }
        atexit {
            let stop = PackagePaths.root.appendingPathComponent("scripts/registry/stop").path
            if let state = RegistryServers.started.flatMap({ try? $0.get() })?.state {
                _ = try? ProcessRunner.run("/bin/bash", [stop, state.path])
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
            throw RegistryServerError(description: "skopeo \(arguments.joined(separator: " ")) failed: \(result.stderr)")
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
