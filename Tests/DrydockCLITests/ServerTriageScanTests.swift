import DrydockTestSupport
import Foundation
import Testing

/// A `--server` client applies the server's exceptions with its own gate, and the evidence names the stored
/// exception and its version; `drydock query` lists them, exports them as OpenVEX and reads the audit log.
@Suite("Server exceptions in client scans")
struct ServerTriageScanTests {
    /// `curl` a JSON body to the server (the CLI has no command that writes exceptions: the UI and API do).
    static func post(_ url: String, token: String, body: String) throws -> ProcessRunner.Result {
        try ProcessRunner.run(
            "/usr/bin/curl",
            [
                "-sS", "-X", "POST", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                "--data-binary", body, url,
            ])
    }

    @Test("an exception stored on the server decides the finding in the next client scan")
    func exceptionApplies() throws {
        guard let image = ServerScanTests.fixture("alpine-310-python-app.tar.gz") else {
            print("skipped: ../shared/fixtures/images/alpine-310-python-app.tar.gz is absent")
            return
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            print("skipped: /usr/bin/curl is absent")
            return
        }
        let database = try CLI.imageFixtureDatabase.get()
        let server = try ServerProcess(database: database)
        defer { server.stop() }
        let scratch = try PackagePaths.temporaryDirectory("server-triage-scan")
        let scan = [
            "image", "--input", image, "--server", server.url, "--token", server.tokens["write"]!, "--format", "json",
            "--exit-code", "1", "--cache-dir", scratch.path,
        ]
        let before = try CLI.run(scan)
        #expect(before.status == 1, "\(before.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(before.output.utf8)) as? [String: Any]
        let artifact = try #require(report?["ArtifactName"] as? String)
        let vulnerabilities = (report?["Results"] as? [[String: Any]] ?? []).flatMap {
            $0["Vulnerabilities"] as? [[String: Any]] ?? []
        }
        let target = try #require(
            vulnerabilities.first { ($0["PkgIdentifier"] as? [String: Any])?["PURL"] is String })
        let id = try #require(target["VulnerabilityID"] as? String)
        let purl = try #require((target["PkgIdentifier"] as? [String: Any])?["PURL"] as? String)
        let versionless = String(purl.prefix { $0 != "@" })
        let posted = try Self.post(
            server.url + "/api/v1/exceptions", token: server.tokens["write"]!,
            body:
                #"{"id": "\#(id)", "owner": "team-a", "reason": "not reachable", "expires": "2099-01-31", "purl": "\#(versionless)", "image": "\#(artifact)"}"#
        )
        #expect(posted.output.contains(#""version":1"#), "\(posted.output) \(posted.stderr)")
        let evidence = scratch.appendingPathComponent("evidence.jsonl").path
        let after = try CLI.run(scan + ["--evidence", evidence])
        let lines = try String(contentsOfFile: evidence, encoding: .utf8).split(separator: "\n")
        let line = try #require(lines.first { $0.contains(#""id":"\#(id)""#) && $0.contains(versionless) })
        #expect(line.contains(#""source":"exception""#), "\(line)")
        #expect(line.contains(#""owner":"team-a""#))
        #expect(line.contains("\(server.url)/api/v1/exceptions/x-"), "\(line)")
        #expect(line.contains("/versions/1"))
        // The finding is set aside where Trivy puts ignored findings, not reported.
        let decided = try JSONSerialization.jsonObject(with: Data(after.output.utf8)) as? [String: Any]
        let reported = (decided?["Results"] as? [[String: Any]] ?? []).flatMap {
            ($0["Vulnerabilities"] as? [[String: Any]] ?? []).filter {
                $0["VulnerabilityID"] as? String == id
                    && ($0["PkgIdentifier"] as? [String: Any])?["PURL"] as? String == purl
            }
        }
        #expect(reported.isEmpty)
        let vex = try CLI.run(["query", "--server", server.url, "--token", server.tokens["read"]!, "--export-vex"])
        #expect(vex.status == 0, "\(vex.stderr)")
        #expect(vex.output.contains(#""\#(id)""#) && vex.output.contains(#""not_affected""#), "\(vex.output)")
        let log = try CLI.run(
            ["query", "--server", server.url, "--token", server.tokens["admin"]!, "--audit-log", "--format", "table"])
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.output.contains("write-client  exception.add  x-"), "\(log.output)")
        let denied = try CLI.run(["query", "--server", server.url, "--token", server.tokens["read"]!, "--audit-log"])
        #expect(denied.status == 2, "\(denied.stderr)")
    }
}
