import DrydockTestSupport
import Foundation

/// Runs `drydock image` against the test engines (scripts/engines/start), never the host's own: the
/// default Docker, containerd and Podman addresses point at paths that do not exist unless a test says so.
enum EngineCLI {
    static let missingDocker = "unix:///nonexistent-drydock/docker.sock"
    static let missingContainerd = "/nonexistent-drydock/containerd.sock"
    static let missingPodman = "/nonexistent-drydock/podman.sock"

    /// The environment of one run: engines unset, its own layer cache, no credentials.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["DOCKER_HOST"] = missingDocker
        env["CONTAINERD_ADDRESS"] = missingContainerd
        env["XDG_RUNTIME_DIR"] = "/nonexistent-drydock/run"
        env["DOCKER_CONFIG"] = "/nonexistent-drydock/docker-config"
        env["XDG_CONFIG_HOME"] = "/nonexistent-drydock/xdg"
        for key in [
            "DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "CONTAINER_HOST", "CONTAINERD_NAMESPACE",
        ] {
            env[key] = nil
        }
        env = LayerCacheIsolation.isolated(env)
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// `drydock image ARGUMENTS --format json` and the parsed report.
    static func scan(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (
        ProcessRunner.Result, [String: Any]
    ) {
        let result = try ProcessRunner.run(
            PackagePaths.drydock, ["image"] + arguments + ["--format", "json"], environment: environment(extra))
        let object = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result, object)
    }

    /// A report's `Results` as canonical JSON text, with the artifact's name (which differs between an
    /// archive path and an engine reference) replaced in each `Target`, and each finding's `Layer.Digest`
    /// left out: a legacy `docker save` tarball does not name its layers' blob digests, containerd's
    /// content store does (the `Layer.DiffID`, which both know, is kept). Each finding's `Fingerprint` is left
    /// out too: it hashes the `ArtifactID`, which names the repository (`localhost/example/python-app` in
    /// Podman, `index.docker.io/example/python-app` for the tarball's tag).
    static func comparableResults(_ report: [String: Any]) throws -> String {
        let name = report["ArtifactName"] as? String ?? ""
        let results = (report["Results"] as? [[String: Any]] ?? []).map { result in
            var copy = result
            if let target = copy["Target"] as? String {
                copy["Target"] = target.replacingOccurrences(of: name, with: "ARTIFACT")
            }
            for key in ["Vulnerabilities", "Packages"] {
                copy[key] = (copy[key] as? [[String: Any]])?.map { item in
                    var item = item
                    if var layer = item["Layer"] as? [String: Any] {
                        layer["Digest"] = nil
                        item["Layer"] = layer
                    }
                    item["Fingerprint"] = nil
                    return item
                }
            }
            return copy
        }
        let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// `Metadata` of a report.
    static func metadata(_ report: [String: Any]) -> [String: Any] {
        report["Metadata"] as? [String: Any] ?? [:]
    }

    /// The vulnerability IDs of a report.
    static func vulnerabilityIDs(_ report: [String: Any]) -> [String] {
        CLI.findingRows(report).map { $0[2] }
    }

    /// Gunzips `file` (a `.tar.gz` fixture) into a temporary plain tar for `podman load`.
    static func plainTar(_ file: URL) throws -> URL {
        let output = try PackagePaths.temporaryDirectory("engine-tar").appendingPathComponent("image.tar")
        let result = try ProcessRunner.run("/bin/sh", ["-c", "gzip -dc \"$0\" > \"$1\"", file.path, output.path])
        guard result.status == 0 else { throw CLI.ProcessFailure(description: "gunzip failed: \(result.stderr)") }
        return output
    }
}
