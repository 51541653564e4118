import DrydockTestSupport
import Foundation
import Synchronization

/// `drydock server` run as a user runs it, on a free loopback port, with a SQLite store and one token of each
/// scope in a temporary directory. ``stop()`` ends it (SIGTERM, then SIGKILL after 30 s).
final class ServerProcess: @unchecked Sendable {
    // `@unchecked Sendable`: `process` is only touched by `init` and `stop()`, which a test calls from one task.

    /// `http://127.0.0.1:PORT`.
    let url: String
    /// Tokens by scope: `read`, `write`, `admin`.
    let tokens: [String: String]
    private let process: Process
    private let captured = CapturedLog()

    /// Everything the server wrote to standard error so far (its log).
    var log: String { captured.text }
    nonisolated(unsafe) private static let listening = #/listening on (https?://[0-9.]+:[0-9]+)/#

    /// Starts a server matching with `database`, on `store` (default: a new SQLite file) with `tokens` (default:
    /// new ones); `extra` arguments go last.
    init(
        database: String, store: String? = nil, tokens given: [String: String]? = nil, extra: [String] = [],
        environment: [String: String] = [:]
    ) throws {
        let scratch = try PackagePaths.temporaryDirectory("server-process")
        let tokens = given ?? ["read": "read-\(UUID())", "write": "write-\(UUID())", "admin": "admin-\(UUID())"]
        let tokenFile = scratch.appendingPathComponent("tokens")
        try Data(tokens.map { "\($0.key) \($0.key)-client \($0.value)\n" }.joined().utf8).write(to: tokenFile)
        process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.drydock)
        process.arguments =
            [
                "server", "--listen", "127.0.0.1:0", "--store",
                store ?? "sqlite:" + scratch.appendingPathComponent("repo.db").path,
                "--db", database, "--tokens", tokenFile.path, "--skip-db-update", "--update-interval", "0",
                "--cache-dir", scratch.appendingPathComponent("cache").path,
            ] + extra
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        // Log lines may come first; the address is on the line `drydock: server listening on URL, store …`.
        while text.firstMatch(of: Self.listening) == nil, Date() < deadline {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let match = text.firstMatch(of: Self.listening) else {
            process.terminate()
            throw CLI.ProcessFailure(description: "drydock server did not start: \(text)")
        }
        url = String(match.1)
        self.tokens = tokens
        // Keep reading so the server never blocks on a full pipe, keeping the log for tests that read it.
        captured.append(text)
        let captured = self.captured
        errors.fileHandleForReading.readabilityHandler = { handle in
            captured.append(String(decoding: handle.availableData, as: UTF8.self))
        }
    }

    /// Posts `review` (an `AdmissionReview`) to the webhook with the read token, with curl as the API server
    /// would; the answer's `response`.
    func admissionResponse(_ review: [String: Any]) throws -> [String: Any]? {
        let body = try PackagePaths.temporaryDirectory("admission-review").appendingPathComponent("review.json")
        try JSONSerialization.data(withJSONObject: review).write(to: body)
        let curl = try ProcessRunner.run(
            "/usr/bin/curl",
            [
                "-sS", "-H", "Authorization: Bearer \(tokens["read"] ?? "")", "-H", "Content-Type: application/json",
                "--data-binary", "@\(body.path)", url + "/admission/v1/validate",
            ])
        let answer = (try? JSONSerialization.jsonObject(with: curl.stdout)) as? [String: Any]
        return answer?["response"] as? [String: Any]
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        // A graceful stop flushes queued admission decisions and closes the store: on a loaded machine (the whole
        // suite on two cores) that once took over 5 s, and a SIGKILL then lost what the test checks was written.
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A server's standard error, appended from the pipe's reading handler.
private final class CapturedLog: Sendable {
    private let lines = Mutex("")
    var text: String { lines.withLock { $0 } }
    func append(_ chunk: String) { lines.withLock { $0 += chunk } }
}
