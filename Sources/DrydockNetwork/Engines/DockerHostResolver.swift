import Crypto
import Foundation

/// Finds the Docker Engine the way the `docker` CLI does: `--docker-host`, else `DOCKER_HOST`, else the
/// context named by `DOCKER_CONTEXT` or `currentContext` in `config.json`, else `unix:///var/run/docker.sock`.
///
/// TCP addresses from the flag or `DOCKER_HOST` take TLS from `DOCKER_CERT_PATH` (`ca.pem`, `cert.pem`,
/// `key.pem`) and `DOCKER_TLS_VERIFY`, as Docker's client does; a context brings its own TLS files.
public struct DockerHostResolver: Sendable {
    /// The environment to read (`DOCKER_HOST`, `DOCKER_CONTEXT`, `DOCKER_CONFIG`, `DOCKER_CERT_PATH`, …).
    public var environment: [String: String]

    /// The default socket of a rootful Docker Engine.
    public static let defaultHost = "unix:///var/run/docker.sock"

    /// A resolver reading `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The engine to talk to, given the `--docker-host` flag (or `nil`).
    public func resolve(flag: String?) throws(EngineError) -> EngineEndpoint {
        if let flag, !flag.isEmpty { return try EngineEndpoint.parse(flag, tls: environmentTLS()) }
        if let host = environment["DOCKER_HOST"], !host.isEmpty {
            return try EngineEndpoint.parse(host, tls: environmentTLS())
        }
        if let context = contextName(), context != "default" {
            return try contextEndpoint(context)
        }
        return try EngineEndpoint.parse(Self.defaultHost)
    }

    /// TLS from `DOCKER_CERT_PATH` and `DOCKER_TLS_VERIFY`, or `nil` when neither is set.
    func environmentTLS() -> EngineTLS? {
        let verify = !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty
        let certPath = environment["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : $0 }
        guard verify || certPath != nil else { return nil }
        return tls(in: certPath ?? configDirectory, verify: verify)
    }

    private func tls(in directory: String, verify: Bool) -> EngineTLS {
        func file(_ name: String) -> String? {
            let path = directory + "/" + name
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        return EngineTLS(
            caPath: file("ca.pem"), certificatePath: file("cert.pem"), keyPath: file("key.pem"), verify: verify)
    }

    /// `$DOCKER_CONFIG`, else `~/.docker`.
    var configDirectory: String {
        if let dir = environment["DOCKER_CONFIG"], !dir.isEmpty { return dir }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.docker"
    }

    /// `DOCKER_CONTEXT`, else `currentContext` from `config.json`, else `nil`.
    func contextName() -> String? {
        if let name = environment["DOCKER_CONTEXT"], !name.isEmpty { return name }
        let path = configDirectory + "/config.json"
        guard let data = FileManager.default.contents(atPath: path),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let name = object["currentContext"] as? String, !name.isEmpty
        else { return nil }
        return name
    }

    /// The Docker endpoint of context `name`: `contexts/meta/<sha256 of name>/meta.json`, with TLS files
    /// from `contexts/tls/<sha256 of name>/docker/` when present.
    func contextEndpoint(_ name: String) throws(EngineError) -> EngineEndpoint {
        let hash = SHA256.hash(data: Data(name.utf8)).map { String(format: "%02x", $0) }.joined()
        let metaPath = "\(configDirectory)/contexts/meta/\(hash)/meta.json"
        guard let data = FileManager.default.contents(atPath: metaPath) else {
            throw EngineError(
                code: .invalidInput, reason: "Docker context '\(name)' does not exist (no \(metaPath))",
                location: "docker context \(name)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let endpoints = object["Endpoints"] as? [String: Any],
            let docker = endpoints["docker"] as? [String: Any],
            let host = docker["Host"] as? String
        else {
            throw EngineError(
                code: .invalidInput, reason: "has no Endpoints.docker.Host", location: metaPath)
        }
        let skipVerify = docker["SkipTLSVerify"] as? Bool ?? false
        let tlsDirectory = "\(configDirectory)/contexts/tls/\(hash)/docker"
        let tls: EngineTLS? =
            FileManager.default.fileExists(atPath: tlsDirectory) ? self.tls(in: tlsDirectory, verify: !skipVerify) : nil
        return try EngineEndpoint.parse(host, tls: tls)
    }
}
