import DrydockTestSupport
import Foundation
import Testing

/// The outage the gate must make impossible, on the two real Alpine images of `../shared/fixtures/images`: one
/// CVE (a test record: zlib heap overflow, CRITICAL) has no fix for Alpine 3.10 and a fix for Alpine 3.11. The
/// payments team (alpine:3.10) wrote a broad exception for it. With one policy: the unfixable CRITICAL does not
/// block the 3.10 build; the fixable one blocks the 3.11 build, for the rule `fixable-critical`, and the evidence
/// shows the broad exception was refused.
@Suite("The seed outage, on two real images", .enabled(if: PackagePaths.hasShared))
struct SeedOutageTests {
    static let policy = """
        apiVersion: drydock/v1
        rules:
          - name: fixable-critical
            description: CRITICAL vulnerability with a fixed version available
            action: fail
            when: {severity: CRITICAL, fixable: true}
        exceptions:
          # Written by the payments team for alpine:3.10, where zlib has no fix.
          - id: CVE-2099-0042
            owner: team-payments
            reason: no fix for Alpine 3.10; inflate is not reachable from our service
            expires: 2999-01-01
        """

    static let database: Result<String, any Error> = Result {
        let directory = try PackagePaths.temporaryDirectory("seed-osv")
        var record = DebianScenario.osv(
            id: "CVE-2099-0042", ecosystem: "Alpine:v3.10", package: "zlib", events: [["introduced": "0"]],
            cvss: PolicyScenario.critical, summary: "zlib: heap overflow in inflate (test record)")
        var affected = record["affected"] as? [[String: Any]] ?? []
        affected.append([
            "package": ["ecosystem": "Alpine:v3.11", "name": "zlib"],
            "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"], ["fixed": "1.2.11-r4"]]]],
        ])
        record["affected"] = affected
        let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        try data.write(to: directory.appendingPathComponent("CVE-2099-0042.json"))
        return try CLI.buildDatabase([directory.path])
    }

    func scan(_ image: String, in directory: URL) throws -> (ProcessRunner.Result, [[String: Any]]) {
        let shared = try #require(PackagePaths.shared)
        let path = shared.appendingPathComponent("fixtures/images/\(image).tar.gz").path
        let result = try CLI.run(
            [
                "image", "--input", path, "--db", try Self.database.get(), "--policy", "policy.yaml", "--evidence",
                "\(image).jsonl", "--quiet",
            ], in: directory)
        let text = (try? String(contentsOf: directory.appendingPathComponent("\(image).jsonl"), encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        return (result, lines)
    }

    @Test("the unfixable CRITICAL does not block; the fixable CRITICAL does, for the right reason")
    func outage() throws {
        let directory = try PolicyScenario.directory(with: ["policy.yaml": Self.policy])
        let (payments, paymentsEvidence) = try scan("alpine-310", in: directory)
        #expect(payments.status == 0, "\(payments.stderr)")
        let unfixable = try #require(paymentsEvidence.first)
        #expect((unfixable["facts"] as? [String: Any])?["fixedVersion"] is NSNull)
        #expect((unfixable["decision"] as? [String: Any])?["action"] as? String == "ignore")

        let (web, evidence) = try scan("alpine-311", in: directory)
        #expect(web.status == 1)
        #expect(web.output.contains("FAILED (exit code 1): 1 finding fails the build"))
        // The reason, wrapped to the table's 80 columns.
        #expect(
            web.output.contains(
                "  1 × fixable-critical (policy.yaml:3) CRITICAL vulnerability with a fixed\n"
                    + "      version available\n"))
        #expect(evidence.count == 1)
        let line = try #require(evidence.first)
        let facts = line["facts"] as? [String: Any] ?? [:]
        #expect(facts["severity"] as? String == "CRITICAL" && facts["fixedVersion"] as? String == "1.2.11-r4")
        #expect(facts["installedVersion"] as? String == "1.2.11-r3")
        let decision = line["decision"] as? [String: Any] ?? [:]
        #expect(decision["action"] as? String == "fail" && decision["rule"] as? String == "fixable-critical")
        #expect(decision["location"] as? String == "policy.yaml:3")
        #expect(
            decision["notes"] as? [String] == [
                "broad exception CVE-2099-0042 (policy.yaml:9) does not apply to a failing finding: "
                    + "scope it by purl, path or image"
            ])
        #expect(((line["artifact"] as? [String: Any])?["imageID"] as? String)?.hasPrefix("sha256:a187dde4") == true)
        // policy lint would have caught it before the rollout.
        let lint = try CLI.run(["policy", "lint", "policy.yaml"], in: directory)
        #expect(lint.status == 1 && lint.output.contains("[broad-exception]"))
    }
}
