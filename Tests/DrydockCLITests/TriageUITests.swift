import DrydockTestSupport
import Foundation
import Testing

/// The triage UI in a real headless Chromium (`scripts/ui-checks/triage_ui_in_chromium.py`): log in, search,
/// filter, triage a finding — then the next `--server` client scan applies the exception it recorded.
@Suite("Triage UI in Chromium")
struct TriageUITests {
    @Test("log in, search, filter, triage; the next client scan applies the exception", .timeLimit(.minutes(2)))
    func triageInBrowser() throws {
        guard let image = ServerScanTests.fixture("alpine-310-python-app.tar.gz") else {
            print("skipped: ../shared/fixtures/images/alpine-310-python-app.tar.gz is absent")
            return
        }
        guard let python = ProcessRunner.which("python3") else {
            print("skipped: python3 is not installed")
            return
        }
        let database = try CLI.imageFixtureDatabase.get()
        let server = try ServerProcess(database: database)
        defer { server.stop() }
        let scratch = try PackagePaths.temporaryDirectory("triage-ui")
        let scan = [
            "image", "--input", image, "--server", server.url, "--token", server.tokens["write"]!, "--format", "json",
            "--cache-dir", scratch.path, "--evidence", scratch.appendingPathComponent("evidence.jsonl").path,
        ]
        let first = try CLI.run(scan)
        #expect(first.status == 0, "\(first.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any]
        let vulnerabilities = (report?["Results"] as? [[String: Any]] ?? []).flatMap {
            $0["Vulnerabilities"] as? [[String: Any]] ?? []
        }
        let target = try #require(
            vulnerabilities.first { $0["Severity"] as? String == "CRITICAL" } ?? vulnerabilities.first)
        let id = try #require(target["VulnerabilityID"] as? String)
        let package = try #require(target["PkgName"] as? String)

        let artifacts = try PackagePaths.temporaryDirectory("triage-ui-artifacts")
        let script = PackagePaths.root.appendingPathComponent("scripts/ui-checks/triage_ui_in_chromium.py").path
        let browser = try ProcessRunner.run(
            python,
            [script, server.url, server.tokens["read"]!, server.tokens["write"]!, id, package, artifacts.path],
            timeout: 90)
        if browser.status == 2 {
            print("skipped: Chromium cannot run here: \(browser.stderr)")
            return
        }
        #expect(browser.status == 0, "UI check failed (exit \(browser.status)): \(browser.stderr)")
        print("triage UI screenshots: \(artifacts.path)")
        let outcome = try JSONSerialization.jsonObject(with: Data(browser.output.utf8)) as? [String: Any]
        let exception = try #require(outcome?["exception"] as? String, "\(browser.output)")

        // The next client scan applies the exception the browser recorded, and its evidence names it.
        let second = try CLI.run(scan)
        #expect(second.status == 0, "\(second.stderr)")
        let evidence = try String(
            contentsOf: scratch.appendingPathComponent("evidence.jsonl"), encoding: .utf8
        ).split(separator: "\n")
        let decided = evidence.filter { $0.contains(#""id":"\#(id)""#) && $0.contains(#""source":"exception""#) }
        #expect(!decided.isEmpty, "no evidence line shows \(id) decided by the exception")
        #expect(decided.first?.contains("\(server.url)/api/v1/exceptions/\(exception)/versions/1") == true)
        #expect(decided.first?.contains(#""owner":"write-client""#) == true)
        #expect(decided.first?.contains("False positive: the vulnerable code is not shipped") == true)
    }
}
