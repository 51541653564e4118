import Foundation

/// The local engines of `scripts/engines/start` — Debian's podman (`system service`, vfs storage) and
/// containerd, each with its storage and socket in a temporary folder — started once per test process and
/// stopped when it exits.
///
/// An engine that cannot run here (not installable, containerd without root) is reported by
/// `podman()` / `containerd()` throwing the script's reason, so the tests that need it fail rather than
/// pass silently.
public final class EngineServers: Sendable {
    /// The state folder (storage, sockets, logs).
    public let state: URL
    let env: [String: String]

    init(state: URL, env: [String: String]) {
        self.state = state
        self.env = env
    }

    nonisolated(unsafe) private static var started: Result<EngineServers, RegistryServerError>?
    private static let lock = NSLock()

    /// The running engines, started on first use.
    public static func shared() throws -> EngineServers {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { () throws(RegistryServerError) -> EngineServers in try start() }
        started = result
        return try result.get()
    }

    private static func start() throws(RegistryServerError) -> EngineServers {
        // Short: Podman refuses a run root over 50 characters, and socket paths are limited to 107 bytes.
        let state = URL(fileURLWithPath: "/tmp/drydock-engines-\(UUID().uuidString.prefix(8))")
        let (env, _) = try ServiceScript.start("engines", state: state)
        atexit {
            if let state = EngineServers.started.flatMap({ try? $0.get() })?.state {
                ServiceScript.stop("engines", state: state)
            }
        }
        return EngineServers(state: state, env: env)
    }

    /// The Podman API socket; throws why Podman could not be started.
    public func podmanSocket() throws -> String {
        guard let socket = env["PODMAN_SOCK"] else {
            throw RegistryServerError(description: env["PODMAN_ERROR"] ?? "scripts/engines/start reported no Podman")
        }
        return socket
    }

    /// The containerd socket; throws why containerd could not be started.
    public func containerdSocket() throws -> String {
        guard let socket = env["CONTAINERD_SOCK"] else {
            throw RegistryServerError(
                description: env["CONTAINERD_ERROR"] ?? "scripts/engines/start reported no containerd")
        }
        return socket
    }

    /// `podman load -i ARCHIVE` into the test storage (a plain `docker save` tar: Debian's Podman 4 does
    /// not read compressed ones).
    public func podmanLoad(_ archive: URL) throws {
        _ = try podmanSocket()
        let flags = (env["PODMAN_FLAGS"] ?? "").split(separator: " ").map(String.init)
        try run("podman", flags + ["load", "-q", "-i", archive.path])
    }

    /// `podman pull REFERENCE` into the test storage, from a plain-HTTP registry on loopback.
    public func podmanPullInsecure(_ reference: String) throws {
        _ = try podmanSocket()
        let flags = (env["PODMAN_FLAGS"] ?? "").split(separator: " ").map(String.init)
        try run("podman", flags + ["pull", "-q", "--tls-verify=false", reference])
    }

    /// `podman tag SOURCE TARGET` in the test storage.
    public func podmanTag(_ source: String, _ target: String) throws {
        let flags = (env["PODMAN_FLAGS"] ?? "").split(separator: " ").map(String.init)
        try run("podman", flags + ["tag", source, target])
    }

    /// `ctr images import ARCHIVE` into namespace `namespace` of the test containerd (content only: nothing
    /// is unpacked into a snapshotter).
    public func containerdImport(_ archive: URL, namespace: String, baseName: String? = nil) throws {
        let socket = try containerdSocket()
        var arguments = ["--address", socket, "--namespace", namespace, "images", "import", "--no-unpack"]
        // An OCI archive names only tags: --base-name gives the repository (and imports every platform).
        if let baseName { arguments += ["--base-name", baseName, "--all-platforms"] }
        try run("ctr", arguments + [archive.path])
    }

    private func run(_ program: String, _ arguments: [String]) throws {
        let result = try ProcessRunner.run(ProcessRunner.which(program) ?? program, arguments, timeout: 300)
        guard result.status == 0 else {
            throw RegistryServerError(
                description:
                    "\(program) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
    }
}

extension EngineServers {
    /// The TLS front of the Podman API (`tcp://127.0.0.1:PORT`) and the folder holding `ca.pem`, `cert.pem`
    /// and `key.pem` for it, as `DOCKER_CERT_PATH` names them; throws why it could not be started.
    public func dockerTLS() throws -> (port: Int, certificates: String) {
        guard let port = env["DOCKER_TLS_PORT"].flatMap(Int.init), let certificates = env["DOCKER_TLS_CERTS"] else {
            throw RegistryServerError(
                description: env["DOCKER_TLS_ERROR"] ?? env["PODMAN_ERROR"]
                    ?? "scripts/engines/start reported no TLS front")
        }
        return (port, certificates)
    }
}
