import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Debian's `docker-registry` serving HTTPS on loopback with a certificate from a private CA that the
/// test generates with `openssl` (`http.tls.certificate`/`key` in its config), started once per test
/// process and stopped when it exits.
public final class TLSRegistry: Sendable {
    /// The HTTPS port on 127.0.0.1.
    public let port: Int
    /// The private CA (PEM) that signed the server certificate: what `--cacert` is given.
    public let caCertificate: URL
    /// Another CA (PEM) that signed nothing here: trusting it must not help.
    public let unrelatedCA: URL
    /// The directory holding the keys, certificates, config, storage and log.
    public let state: URL

    init(port: Int, state: URL) {
        self.port = port
        self.state = state
        caCertificate = state.appendingPathComponent("ca.pem")
        unrelatedCA = state.appendingPathComponent("other-ca.pem")
    }

    nonisolated(unsafe) private static var started: Result<TLSRegistry, RegistryServerError>?
    private static let lock = NSLock()

    /// The running HTTPS registry, started on first use (every wait is bounded).
    public static func shared() throws -> TLSRegistry {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { () throws(RegistryServerError) -> TLSRegistry in try start() }
        started = result
        return try result.get()
    }

    /// The bash script that makes the CA and server certificate, writes the config and starts the
    /// registry in the background (its pid in `STATE/pid`), then waits up to 20 s for HTTPS to answer.
    static let script = #"""
        set -euo pipefail
        state=$1
        cd "$state"
        registry_bin=$(command -v docker-registry || echo /usr/bin/docker-registry)
        [ -x "$registry_bin" ] || { echo "docker-registry is not installed (scripts/install-test-deps installs it)"; exit 1; }
        command -v openssl >/dev/null || { echo "openssl is not installed"; exit 1; }
        ca() { # NAME CN
          openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days 2 -subj "/CN=$2" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
        }
        ca ca "Drydock Test CA"
        ca other-ca "Drydock Unrelated CA"
        openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
          -extfile ext.cnf 2>/dev/null
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        mkdir -p storage
        cat > config.yml <<YAML
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: $state/storage
        http:
          addr: 127.0.0.1:$port
          secret: drydock-tls-test
          tls:
            certificate: $state/server.pem
            key: $state/server.key
        YAML
        nohup "$registry_bin" serve config.yml > registry.log 2>&1 < /dev/null &
        echo $! > pid
        echo "$port" > port
        for _ in $(seq 1 100); do
          if python3 - "$port" "$state/ca.pem" <<'PY' 2>/dev/null; then exit 0; fi
        import ssl, sys, urllib.request, urllib.error
        context = ssl.create_default_context(cafile=sys.argv[2])
        try:
            urllib.request.urlopen("https://127.0.0.1:%s/v2/" % sys.argv[1], timeout=1, context=context)
        except urllib.error.HTTPError:
            pass
        PY
          sleep 0.2
        done
        echo "docker-registry did not answer over HTTPS: $(tail -5 registry.log)"
        kill "$(cat pid)" 2>/dev/null || true
        exit 1
        """#

    private static func start() throws(RegistryServerError) -> TLSRegistry {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("drydock-tls-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            try Data(script.utf8).write(to: state.appendingPathComponent("start.sh"))
        } catch {
            throw RegistryServerError(description: "cannot prepare \(state.path): \(error)")
        }
        let log = state.appendingPathComponent("start.log").path
        let status = RegistryServers.spawnAndWait(
            ["/bin/bash", state.appendingPathComponent("start.sh").path, state.path], log: log, timeout: 120)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard status == 0,
            let text = try? String(contentsOf: state.appendingPathComponent("port"), encoding: .utf8),
            let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw RegistryServerError(
                description: "the HTTPS registry did not start (\(status.map(String.init) ?? "timed out")): \(output)")
        }
        atexit {
            if let state = TLSRegistry.started.flatMap({ try? $0.get() })?.state,
                let text = try? String(contentsOf: state.appendingPathComponent("pid"), encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                kill(pid, SIGTERM)
                try? FileManager.default.removeItem(at: state)
            }
        }
        return TLSRegistry(port: port, state: state)
    }

    /// Pushes `tag` of the OCI layout at `layout` to `repository:tag` with skopeo, trusting the private CA.
    public func push(layout: URL, tag: String, repository: String) throws {
        let certs = state.appendingPathComponent("skopeo-certs", isDirectory: true)
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        let ca = certs.appendingPathComponent("ca.crt")
        if !FileManager.default.fileExists(atPath: ca.path) {
            try FileManager.default.copyItem(at: caCertificate, to: ca)
        }
        guard let skopeo = ProcessRunner.which("skopeo") else {
            throw RegistryServerError(description: "skopeo is not installed (scripts/install-test-deps installs it)")
        }
        let arguments = [
            "copy", "--quiet", "--dest-cert-dir", certs.path, "oci:\(layout.path):\(tag)",
            "docker://127.0.0.1:\(port)/\(repository):\(tag)",
        ]
        let result = try ProcessRunner.run(skopeo, arguments)
        guard result.status == 0 else {
            throw RegistryServerError(
                description: "skopeo \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
    }
}
