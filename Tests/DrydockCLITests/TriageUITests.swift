import DrydockTestSupport
import Foundation
import Testing

/// The triage UI in a real headless Chromium (`scripts/ui-checks/triage_ui_in_chromium.py`): log in, search,
/// filter (severity, KEV), triage a finding — then the next `--server` client scan applies the exception it
/// recorded.
@Suite("Triage UI in Chromium")
struct TriageUITests {
    /// A CVE of Jinja2 2.10 (in the fixture image) that a small KEV catalog written by the test lists.
    static let kevID = "CVE-2019-10906"

    @Test(
        "log in, search, filter by severity and KEV, triage; the next client scan applies the exception",
        .timeLimit(.minutes(2)))
    func triageInBrowser() throws {
        guard let image = ServerScanTests.fixture("alpine-310-python-app.tar.gz") else {
            print("skipped: ../shared/fixtures/images/alpine-310-python-app.tar.gz is absent")
            return
        }
        guard let python = ProcessRunner.which("python3") else {
            print("skipped: python3 is not installed")
            return
        }
        guard let shared = PackagePaths.shared else {
            print("skipped: ../shared is absent")
            return
        }
        let scratch = try PackagePaths.temporaryDirectory("triage-ui")
        // The fixture DB's feeds plus a KEV catalog naming one CVE the image has.
        let kev = scratch.appendingPathComponent("kev/known_exploited_vulnerabilities.json")
        try FileManager.default.createDirectory(
            at: kev.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(
            """
            {"catalogVersion": "2026.12.01", "dateReleased": "2026-12-01T00:00:00.000Z", "count": 1,
             "vulnerabilities": [{"cveID": "\(Self.kevID)", "vendorProject": "Pallets", "product": "Jinja2",
               "dateAdded": "2026-11-20", "dueDate": "2026-12-11", "knownRansomwareCampaignUse": "Unknown",
               "shortDescription": "Sandbox escape (test entry)"}]}
            """.utf8
        ).write(to: kev)
        let database = try CLI.buildDatabase([
            shared.appendingPathComponent("advisories/alpine-secdb").path,
            shared.appendingPathComponent("advisories/osv/PyPI").path, kev.path,
        ])
        let server = try ServerProcess(database: database)
        defer { server.stop() }
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
        let exploited = vulnerabilities.filter { $0["KnownExploited"] != nil }.compactMap {
            $0["VulnerabilityID"] as? String
        }
        #expect(exploited == [Self.kevID], "the scan should mark \(Self.kevID) known exploited")

        let artifacts = try PackagePaths.temporaryDirectory("triage-ui-artifacts")
        let script = PackagePaths.root.appendingPathComponent("scripts/ui-checks/triage_ui_in_chromium.py").path
        let browser = try ProcessRunner.run(
            python,
            [
                script, server.url, server.tokens["read"]!, server.tokens["write"]!, id, package, artifacts.path,
                Self.kevID,
            ],
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
