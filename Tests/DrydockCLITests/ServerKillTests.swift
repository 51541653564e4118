import DrydockTestSupport
import Foundation
import Testing

/// `drydock server` killed with SIGKILL while clients push SBOMs, change exceptions (triage), query and ask
/// for admission reviews, then restarted on the same store (Benchmarks/server/soak.py, a short run): every write a
/// client saw acknowledged (2xx) is in the store afterwards, and the server serves again. SQLite and PostgreSQL.
@Suite(.serialized) struct ServerKillTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
    }

    /// Runs the soak script for `seconds` with kills every `killEvery` seconds; its JSON summary.
    static func soak(store: String, seconds: Int, killEvery: Int) throws -> [String: Any] {
        try runServerScript(
            "soak.py",
            [
                "--store-url", store, "--seconds", "\(seconds)", "--clients", "4", "--kill-every", "\(killEvery)",
            ])
    }

    /// Runs `Benchmarks/server/NAME` with `--drydock`, `--db` (the test DB), `arguments` and `--json`; the JSON
    /// summary it prints last.
    static func runServerScript(_ name: String, _ arguments: [String]) throws -> [String: Any] {
        let script = PackagePaths.root.appendingPathComponent("Benchmarks/server/\(name)").path
        let result = try ProcessRunner.run(
            "python3",
            [script, "--drydock", PackagePaths.drydock, "--db", try database.get()] + arguments + ["--json"],
            timeout: 600)
        let line = result.output.split(separator: "\n").last.map(String.init) ?? ""
        guard let summary = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw CLI.ProcessFailure(description: "\(name) gave no summary (\(result.status)): \(result.stderr)")
        }
        return summary
    }

    static func check(_ summary: [String: Any], _ label: String) {
        func number(_ key: String) -> Int { (summary[key] as? NSNumber)?.intValue ?? -1 }
        let acknowledgedPushes = number("acknowledged_pushes")
        let acknowledgedTriage = number("acknowledged_exception_versions")
        #expect(number("kills") >= 2, "\(label): \(summary)")
        #expect(acknowledgedPushes > 0 && acknowledgedTriage > 0, "\(label): nothing was written: \(summary)")
        #expect(number("lost") == 0, "\(label): acknowledged writes lost: \(summary["lost_examples"] ?? "")")
        #expect(number("failed") == 0, "\(label): requests failed: \(summary["failures"] ?? "")")
        // Back after every kill: ready (DB loaded, store answering) within the restart's wait.
        let restarts = summary["seconds_to_ready_after_kill"] as? [Any] ?? []
        #expect(!restarts.isEmpty && restarts.allSatisfy { !($0 is NSNull) }, "\(label): \(restarts)")
        #expect((summary["ok"] as? NSNumber)?.boolValue == true, "\(label): \(summary)")
        print(
            "\(label): \(acknowledgedPushes) pushes and \(acknowledgedTriage) exception versions acknowledged, "
                + "\(summary["kills"] ?? 0) kills, \(summary["unanswered"] ?? 0) requests unanswered, none lost")
    }

    @Test("SQLite store: kill -9 during pushes and triage loses no acknowledged write; the server comes back")
    func sqlite() throws {
        let store = try PackagePaths.temporaryDirectory("server-kill").appendingPathComponent("repo.db").path
        Self.check(try Self.soak(store: "sqlite:" + store, seconds: 12, killEvery: 3), "SQLite")
    }

    @Test("PostgreSQL store: kill -9 during pushes and triage loses no acknowledged write; the server comes back")
    func postgres() throws {
        let store = try PostgresServer.shared().makeDatabase()
        Self.check(try Self.soak(store: store, seconds: 12, killEvery: 3), "PostgreSQL")
    }
}
