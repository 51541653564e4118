import Foundation

/// Test services started by `scripts/NAME/start STATE` (the local engines, a throwaway PostgreSQL cluster):
/// the script writes `STATE/env` (`KEY=VALUE` lines) for the tests, and `scripts/NAME/stop STATE` stops
/// what it started. Every wait is bounded by the scripts and by `timeout` here.
enum ServiceScript {
    /// Runs `scripts/NAME/start STATE`; the `env` file it wrote and its output. Throws with the output
    /// when the script fails or times out.
    static func start(_ name: String, state: URL) throws(RegistryServerError) -> (
        env: [String: String], output: String
    ) {
        let script = PackagePaths.root.appendingPathComponent("scripts/\(name)/start").path
        let log = state.path + ".log"
        let status = RegistryServers.spawnAndWait(["/bin/bash", script, state.path], log: log, timeout: 900)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: log)
        guard status == 0 else {
            throw RegistryServerError(
                description: "scripts/\(name)/start failed (\(status.map(String.init) ?? "timed out")): \(output)")
        }
        let text = (try? String(contentsOf: state.appendingPathComponent("env"), encoding: .utf8)) ?? ""
        var env: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { env[parts[0]] = parts[1] }
        }
        return (env, output)
    }

    /// Runs `scripts/NAME/stop STATE` (from an `atexit` handler: no error is reported).
    static func stop(_ name: String, state: URL) {
        let stop = PackagePaths.root.appendingPathComponent("scripts/\(name)/stop").path
        _ = RegistryServers.spawnAndWait(["/bin/bash", stop, state.path], log: "/dev/null", timeout: 60)
    }
}
