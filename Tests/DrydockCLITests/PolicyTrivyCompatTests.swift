import DrydockTestSupport
import Foundation
import Testing

/// Without `--policy`, the gate is Trivy's: nothing fails without `--exit-code`; with it, every reported finding
/// fails; `--severity`, `--ignore-unfixed`, `--ignore-status`, `--exit-on-eol`, `.trivyignore` and
/// `.trivyignore.yaml` as Trivy applies them.
@Suite("Gate: Trivy's flags and ignore files")
struct PolicyTrivyCompatTests {
    static let all = [
        "CVE-2099-1001 libcrypto3", "CVE-2099-1002 zlib", "CVE-2099-1003 busybox", "CVE-2099-1003 ssl_client",
        "CVE-2099-1004 musl", "CVE-2099-1005 musl",
    ]

    static func reported(_ report: [String: Any]) -> [String] {
        PolicyScenario.decisions(report).map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
    }

    @Test("no flags: every finding reported, exit 0; --exit-code 1: every reported finding fails")
    func exitCode() throws {
        let (plain, report) = try PolicyScenario.scanJSON([])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(Self.reported(report) == Self.all)
        #expect(PolicyScenario.decisions(report).allSatisfy { $0.contains(" warn flag") })
        #expect(PolicyScenario.verdict(report)["Outcome"] as? String == "passed")
        let (failing, failed) = try PolicyScenario.scanJSON(["--exit-code", "1"])
        #expect(failing.status == 1)
        #expect(PolicyScenario.decisions(failed).allSatisfy { $0.contains(" fail flag") })
        #expect(PolicyScenario.verdict(failed)["FailingFindings"] as? Int == 6)
        let (low, _) = try PolicyScenario.scanJSON(["--exit-code", "6", "--severity", "LOW"])
        #expect(low.status == 6)
        let (none, noneReport) = try PolicyScenario.scanJSON(["--exit-code", "6", "--severity", "UNKNOWN"])
        #expect(none.status == 0 && Self.reported(noneReport).isEmpty)
        // Hidden by --severity: not in the report at all, as in Trivy.
        #expect(PolicyScenario.setAside(noneReport).isEmpty)
    }

    @Test("--ignore-unfixed and --ignore-status take Trivy's status names; --ignore-status wins, with a warning")
    func statuses() throws {
        let fixable = [
            "CVE-2099-1001 libcrypto3", "CVE-2099-1003 busybox", "CVE-2099-1003 ssl_client", "CVE-2099-1004 musl",
        ]
        let (_, unfixed) = try PolicyScenario.scanJSON(["--ignore-unfixed"])
        #expect(Self.reported(unfixed) == fixable)
        let (_, affected) = try PolicyScenario.scanJSON(["--ignore-status", "affected"])
        #expect(Self.reported(affected) == fixable)
        let (both, fixed) = try PolicyScenario.scanJSON(["--ignore-status", "fixed", "--ignore-unfixed"])
        #expect(Self.reported(fixed) == ["CVE-2099-1002 zlib", "CVE-2099-1005 musl"])
        #expect(both.stderr.contains("'--ignore-unfixed' is ignored because '--ignore-status' is specified"))
        let bad = try PolicyScenario.scan(["--ignore-status", "wontfix"])
        #expect(bad.status == 2 && bad.stderr.contains("unknown status 'wontfix'"))
    }

    @Test("--exit-on-eol N exits N for an end-of-life release before findings count; 2, 3, 4 are refused")
    func exitOnEOL() throws {
        let eol = try PolicyScenario.scan(["--exit-on-eol", "9", "--exit-code", "1"])
        #expect(eol.status == 9, "\(eol.stderr)")
        #expect(eol.output.contains("--exit-on-eol 9: alpine 3.19 is end of life"))
        #expect(try PolicyScenario.scan(["--exit-on-eol", "3"]).status == 2)
    }

    @Test(".trivyignore in the working directory: IDs, comments, exp: dates; set-aside findings kept as Trivy's")
    func trivyIgnore() throws {
        let directory = try PolicyScenario.directory(with: [
            ".trivyignore": """
            # Accept the risk
            CVE-2099-1002
            CVE-2099-1003 exp:2024-01-01
            CVE-2099-1004 exp:2999-01-01
            CVE-1999-0001

            """
        ])
        let (result, report) = try PolicyScenario.scanJSON(["--exit-code", "1"], in: directory)
        #expect(result.status == 1)
        #expect(
            Self.reported(report) == [
                "CVE-2099-1001 libcrypto3", "CVE-2099-1003 busybox", "CVE-2099-1003 ssl_client", "CVE-2099-1005 musl",
            ])
        #expect(
            PolicyScenario.setAside(report) == [
                "CVE-2099-1002 zlib ignore CVE-2099-1002", "CVE-2099-1004 musl ignore CVE-2099-1004",
            ])
        let entry = try #require(
            PolicyScenario.vulnerabilities(report, key: "ExperimentalModifiedFindings").first {
                ($0["Finding"] as? [String: Any])?["PkgName"] as? String == "zlib"
            })
        #expect(entry["Type"] as? String == "vulnerability" && entry["Status"] as? String == "ignored")
        #expect(entry["Source"] as? String == ".trivyignore" && entry["Statement"] as? String == "")
        let decision = (entry["Finding"] as? [String: Any])?["Decision"] as? [String: Any]
        #expect(decision?["Location"] as? String == ".trivyignore:2" && decision?["Source"] as? String == "ignore-file")
        // The expired entry no longer applies, and says so; the entry that named nothing is counted as stale.
        #expect(result.stderr.contains("ignore-file entry CVE-2099-1003 (.trivyignore:3) expired on 2024-01-01"))
        #expect(result.stderr.contains("1 entry of .trivyignore named no finding in this scan (stale)"))
        // Trivy's --show-suppressed table lists them, with N/A for a missing statement.
        let table = try PolicyScenario.scan(["--show-suppressed", "--quiet"], in: directory)
        #expect(table.output.contains("Suppressed Vulnerabilities (Total: 2)"))
        #expect(table.output.contains("│ zlib    │ CVE-2099-1002 │ CRITICAL │ ignored │ N/A       │ .trivyignore │"))
        let plain = try PolicyScenario.scan(["--quiet"], in: directory)
        #expect(!plain.output.contains("Suppressed Vulnerabilities"))
    }

    @Test("--ignorefile .trivyignore.yaml: purls, paths (against the package file), statements")
    func trivyIgnoreYAML() throws {
        let directory = try PolicyScenario.directory(with: [
            "ignore/rules.yaml": """
            vulnerabilities:
              - id: CVE-2099-1003
                purls: ["pkg:apk/alpine/ssl_client"]
                statement: ssl_client is never run
              - id: CVE-2099-1005
                paths: ["lib/apk/db/*"]
                statement: Accept the risk
              - id: CVE-2099-1001
                paths: ["usr/lib/**"]
            """
        ])
        let reserved = try PolicyScenario.scan(
            ["--ignorefile", "ignore/rules.yaml", "--exit-code", "3"], in: directory)
        #expect(reserved.status == 2, "--exit-code 3 is reserved for tool errors")
        let (scan, scanned) = try PolicyScenario.scanJSON(
            ["--ignorefile", "./ignore//rules.yaml", "--exit-code", "1"], in: directory)
        #expect(scan.status == 1)
        #expect(
            PolicyScenario.setAside(scanned) == [
                "CVE-2099-1003 ssl_client ignore CVE-2099-1003", "CVE-2099-1005 musl ignore CVE-2099-1005",
            ])
        let statements = PolicyScenario.vulnerabilities(scanned, key: "ExperimentalModifiedFindings").map {
            "\($0["Statement"] as? String ?? "") from \($0["Source"] as? String ?? "")"
        }
        #expect(
            statements.sorted() == [
                "Accept the risk from ignore/rules.yaml", "ssl_client is never run from ignore/rules.yaml",
            ])
    }

    @Test(
        "a malformed or missing ignore file is a usage error naming the file and line",
        arguments: [
            (".trivyignore", "CVE-1\nCVE-2 exp:01/02/2025\n", [String](), ".trivyignore:2: 'exp:01/02/2025'"),
            (
                "i.yaml", "vulnerabilities:\n  - id: CVE-1\n    path: x\n", ["--ignorefile", "i.yaml"],
                "i.yaml:3: unknown key 'path'"
            ),
            ("i.yaml", "vulnerabilities: [", ["--ignorefile", "i.yaml"], "i.yaml:1: invalid YAML"),
            ("x.txt", "", ["--ignorefile", "missing.yaml"], "ignore file not found: missing.yaml"),
        ])
    func malformed(name: String, text: String, flags: [String], message: String) throws {
        let directory = try PolicyScenario.directory(with: [name: text])
        let result = try PolicyScenario.scan(flags + ["--exit-code", "1"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("Trivy's Rego --ignore-policy is refused with a pointer to --policy, never silently dropped")
    func regoRefused() throws {
        let result = try PolicyScenario.scan(["--ignore-policy", "ignore.rego"])
        #expect(result.status == 2 && result.stderr.contains("--policy FILE"))
    }
}
