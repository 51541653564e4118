import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockReport
import DrydockTestSupport
import Foundation
import Testing

/// Decisions in the reports: the `Decision` object, `ExperimentalModifiedFindings`, the verdict, the evidence
/// log, and reading all of it back.
@Suite("Decisions in reports")
struct DecisionReportTests {
    static let now = Date(timeIntervalSince1970: 1_735_689_600)

    static func decided(_ policy: ScanPolicy, findings: [Finding]) -> (Gate, ScanReport) {
        let gate = Gate(policy: policy, now: now)
        let target = DetectedTarget(
            name: "alpine-310.tar.gz (alpine 3.10.4)", kind: .osPackages, type: "alpine", findings: findings)
        let decided = gate.decide([target])
        var report = ReportFixtures.report(createdAt: now)
        report.targets = decided
        report.verdict = gate.verdict(decided)
        return (gate, report)
    }

    static let vulnerabilities: [Finding] = [
        .vulnerability(ModelFixtures.finding()),
        .vulnerability(ModelFixtures.finding(id: "CVE-2020-28928", severity: .medium, fixedVersion: nil)),
    ]

    static func ignoreFile() throws -> IgnoreFile {
        try IgnoreFile.parse(
            Array("vulnerabilities:\n  - id: CVE-2020-28928\n    statement: not used\n".utf8), path: ".trivyignore.yaml"
        )
    }

    @Test("set-aside findings go to ExperimentalModifiedFindings with Trivy's fields and read back with decisions")
    func modifiedFindingsRoundTrip() throws {
        let (_, report) = Self.decided(
            ScanPolicy(failureExitCode: 1, ignoreFile: try Self.ignoreFile()), findings: Self.vulnerabilities)
        let document = TrivyJSONReport().document(report)
        guard case .array(let results) = document["Results"],
            case .array(let modified) = results[0]["ExperimentalModifiedFindings"]
        else {
            Issue.record("no modified findings")
            return
        }
        #expect(modified.count == 1)
        guard case .object(let fields) = modified[0] else { return }
        #expect(fields.map(\.0) == ["Type", "Status", "Statement", "Source", "Finding"])
        #expect(
            modified[0]["Statement"] == .string("not used") && modified[0]["Source"] == .string(".trivyignore.yaml"))
        #expect(modified[0]["Finding"]?["Decision"]?["Location"] == .string(".trivyignore.yaml:2"))
        let saved = try TrivyJSONReportReader.read(JSONWriter.write(document), path: "r.json")
        #expect(saved.targets[0].findings.map(\.id) == ["CVE-2019-14697", "CVE-2020-28928"])
        let decisions = saved.decidedTargets[0].findings.map(\.decision)
        #expect(decisions == report.targets[0].findings.map(\.decision), "every decision reads back exactly")
        #expect(decisions.map(\.action) == [.fail, .ignore])
        #expect(decisions[0].rule.description.hasPrefix("--exit-code 1"))
    }

    @Test("a Trivy report's VEX and .trivyignore entries read back as decisions that keep the statements")
    func trivyModifiedFindings() throws {
        let json = """
            {"SchemaVersion": 2, "ArtifactName": "package-lock.json", "ArtifactType": "filesystem",
             "Results": [{"Target": "package-lock.json", "Class": "lang-pkgs", "Type": "npm",
               "ExperimentalModifiedFindings": [
                 {"Type": "vulnerability", "Status": "not_affected", "Statement": "vulnerable_code_not_in_execute_path",
                  "Source": "./vex.json", "Finding": {"VulnerabilityID": "CVE-2017-16137", "PkgName": "debug",
                  "PkgIdentifier": {"PURL": "pkg:npm/debug@3.0.1"}, "InstalledVersion": "3.0.1", "Severity": "LOW"}},
                 {"Type": "vulnerability", "Status": "ignored", "Statement": "", "Source": ".trivyignore",
                  "Finding": {"VulnerabilityID": "CVE-2017-20165", "PkgName": "debug",
                  "PkgIdentifier": {"PURL": "pkg:npm/debug@3.0.1"}, "InstalledVersion": "3.0.1", "Severity": "HIGH"}},
                 {"Type": "secret", "Status": "ignored", "Source": ".trivyignore", "Finding": {"RuleID": "x"}}]}]}
            """
        let saved = try TrivyJSONReportReader.read(Array(json.utf8), path: "trivy.json")
        #expect(saved.targets[0].findings.map(\.id) == ["CVE-2017-16137", "CVE-2017-20165", "x"])
        let decisions = saved.decidedTargets[0].findings.map(\.decision)
        let vex = decisions[0]
        #expect(vex.rule.source == .vex && vex.vex?.justification == "vulnerable_code_not_in_execute_path")
        #expect(vex.vex?.location.file == "./vex.json")
        #expect(decisions[1].rule.source == .ignoreFile && decisions[2].rule.source == .ignoreFile)
        // Decided again under any policy, the VEX statement keeps its finding set aside.
        let diff = PolicyDiff(old: ScanPolicy(document: BuiltInPolicy.document), new: ScanPolicy(failureExitCode: 1))
        let result = diff.compare(
            path: "trivy.json", artifact: saved.artifact, recorded: saved.decidedTargets, at: Self.now)
        #expect(result.changes.map(\.finding.id) == ["CVE-2017-20165", "x"])
        #expect(result.changes.first?.new.action == .fail && result.changes.first?.old.action == .warn)
    }

    @Test("the verdict's JSON and table: audit mode says 'would fail' with the reasons")
    func verdict() throws {
        let document = try PolicyParser.parse(
            Array(
                "apiVersion: drydock/v1\nmode: audit\nrules:\n  - name: crit\n    action: fail\n    when: {severity: CRITICAL}\n"
                    .utf8),
            path: "p.yaml")
        let (_, report) = Self.decided(ScanPolicy(document: document), findings: Self.vulnerabilities)
        let verdict = TrivyJSONReport().document(report)["Drydock"]?["Verdict"]
        #expect(verdict?["Outcome"] == .string("would fail") && verdict?["ExitCode"] == .int(0))
        #expect(
            verdict?["Reasons"]
                == .array([
                    .object([
                        ("Source", .string("policy")), ("Rule", .string("crit")),
                        ("Description", .string("severity CRITICAL")),
                        ("Location", .string("p.yaml:4")), ("Findings", .int(1)),
                    ])
                ]))
        let table = TableReport(colour: false).render(report)
        #expect(
            table.hasSuffix(
                """
                Verdict
                =======
                WOULD FAIL (audit mode: exit code 0, the build is not failed): 1 finding would
                    fail the build
                  1 × crit (p.yaml:4) severity CRITICAL

                """))
    }

    @Test("the evidence log never holds a secret's text, only its rule, file and lines")
    func evidenceSecrets() throws {
        let secret = SecretFinding(
            filePath: "app/.env", ruleID: "aws-secret-access-key", category: "AWS", severity: .critical,
            title: "AWS Secret Access Key", startLine: 3, endLine: 3,
            code: CodeSnippet(lines: [CodeLine(number: 3, content: "AWS_SECRET=****************", isCause: true)]),
            match: "AWS_SECRET=****************")
        let (gate, report) = Self.decided(ScanPolicy(failureExitCode: 1), findings: [.secret(secret)])
        let text = String(decoding: EvidenceLog().render(report, gate: gate), as: UTF8.self)
        #expect(text.split(separator: "\n").count == 1)
        #expect(!text.contains("AWS_SECRET") && !text.contains("****"))
        #expect(text.contains(#""file":"app/.env","startLine":3,"endLine":3"#))
        #expect(text.contains(#""action":"fail""#))
    }
}
