import DrydockTestSupport
import Foundation
import Testing

/// `drydock policy lint`, `policy diff` and `policy init` through the CLI.
@Suite("policy lint, diff, init")
struct PolicyCommandCLITests {
    @Test("init prints the default policy, which lints clean and decides as --policy default")
    func initPolicy() throws {
        let printed = try CLI.run(["policy", "init"])
        #expect(printed.status == 0)
        let directory = try PolicyScenario.directory(with: ["policy.yaml": printed.output])
        let lint = try CLI.run(["policy", "lint", "policy.yaml"], in: directory)
        #expect(lint.status == 0 && lint.output == "policy.yaml: no problems found\n")
        let (fromFile, report) = try PolicyScenario.scanJSON(["--policy", "policy.yaml"], in: directory)
        let (builtIn, builtInReport) = try PolicyScenario.scanJSON(["--policy", "default"])
        #expect(fromFile.status == 1 && builtIn.status == 1)
        #expect(PolicyScenario.decisions(report) == PolicyScenario.decisions(builtInReport))
    }

    static let problems = """
        apiVersion: drydock/v1
        rules:
          - name: high-and-up
            action: fail
            when: {severity: ">= HIGH"}
          - name: fixable-critical
            action: fail
            when: {severity: CRITICAL, fixable: true}
          - name: old-criticals
            action: fail
            when: {severity: CRITICAL, openDays: "> 7", colour: red}
        exceptions:
          - id: CVE-2099-1003
            owner: team-payments
            reason: awk is not in the runtime path
            expires: 2999-01-01
        """

    @Test("lint lists shadowed rules, broad exceptions, far expiries and unknown fields, and exits 1")
    func lintProblems() throws {
        let directory = try PolicyScenario.directory(with: ["policy.yaml": Self.problems])
        let result = try CLI.run(["policy", "lint", "policy.yaml"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.output.split(separator: "\n").map(String.init) == [
                "policy.yaml:6: rule 'fixable-critical' can never match: every finding it matches is decided "
                    + "earlier by rule 'high-and-up' (policy.yaml:3) [shadowed-rule]",
                "policy.yaml:11: unknown condition 'colour' in rule 'old-criticals': the rule cannot be evaluated "
                    + "and never matches (known: severity, kind, status, fixable, kev, reachability, baseline, cvss, "
                    + "epss, publishedDays, openDays, id, packageType, packageName, purl, path, target, targetType, "
                    + "image, labels, licenseCategory) [unknown-field]",
                "policy.yaml:13: exception CVE-2099-1003 has no scope: it would apply in every image and file; "
                    + "name a purl, path or image (a broad exception never overrides a failing finding) "
                    + "[broad-exception]",
                "policy.yaml:13: exception CVE-2099-1003 expires on 2999-01-01, more than 90 days away "
                    + "[expiry-too-far]",
                "policy.yaml: 4 problem(s) found",
            ])
        let anyExpiry = try CLI.run(["policy", "lint", "--max-expiry", "0", "policy.yaml"], in: directory)
        #expect(anyExpiry.status == 1 && !anyExpiry.output.contains("expiry-too-far"))
        let longer = try CLI.run(["policy", "lint", "--max-expiry", "400000d", "policy.yaml"], in: directory)
        #expect(!longer.output.contains("expiry-too-far"))
        #expect(try CLI.run(["policy", "lint", "--max-expiry", "soon", "policy.yaml"], in: directory).status == 2)
    }

    @Test(
        "lint exits 2 when the file cannot be read or used",
        arguments: [
            ("missing.yaml", "policy file not found: missing.yaml"),
            ("syntax.yaml", "policy syntax.yaml:3: invalid YAML"),
            ("schema.yaml", "policy schema.yaml:2: mode 'strict': expected enforce or audit"),
        ])
    func lintUnusable(file: String, message: String) throws {
        let directory = try PolicyScenario.directory(with: [
            "syntax.yaml": "apiVersion: drydock/v1\nrules:\n  - name: [\n",
            "schema.yaml": "apiVersion: drydock/v1\nmode: strict\n",
        ])
        let result = try CLI.run(["policy", "lint", file], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("diff re-decides saved reports: which targets flip, which findings change and why; JSON too")
    func diff() throws {
        let directory = try PolicyScenario.directory(with: [
            "old.yaml": PolicyFileCLITests.exceptions,
            "new.yaml": """
            apiVersion: drydock/v1
            rules:
              - name: fixable-critical
                action: fail
                when: {severity: CRITICAL, fixable: true}
            exceptions:
              - id: CVE-2099-1001
                owner: team-payments
                reason: openssl fix ships with the next base image
                expires: 2999-01-01
                purl: pkg:apk/alpine/libcrypto3
            """,
        ])
        let saved = try PolicyScenario.scan(
            ["--policy", "old.yaml", "--format", "json", "--output", "report.json"], in: directory)
        #expect(saved.status == 1)
        let result = try CLI.run(
            ["policy", "diff", "--old", "old.yaml", "--new", "new.yaml", "report.json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.output
        #expect(output.contains("verdict: FAIL (2 failing) → PASS  ← flips"))
        #expect(output.contains("(alpine 3.19.1): fail → pass"))
        #expect(output.contains("3 of 6 finding(s) change decision:"))
        #expect(output.contains("CVE-2099-1003 busybox 1.36.1-r15 in "))
        #expect(output.contains("      old: fail by policy kev (old.yaml:6)"))
        #expect(
            output.contains("      new: warn by policy defaultAction (new.yaml): no rule matched (defaultAction warn)"))
        #expect(
            output.hasSuffix(
                "Summary: 1 of 1 report(s) flip (1 from fail to pass, 0 from pass to fail); 3 finding(s) change decision.\n"
            ))
        // Set-aside findings are read back and decided again: the broad exception for musl is gone in new.yaml,
        // the libcrypto3 exception is in both (at another line: not a change).
        #expect(output.contains("      old: ignore by exception CVE-2099-1004 (old.yaml:31, owner team-platform"))
        #expect(!output.contains("libcrypto3"))
        let json = try CLI.run(
            ["policy", "diff", "--old", "old.yaml", "--new", "new.yaml", "--format", "json", "report.json"],
            in: directory)
        let object = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
        let report = (object?["Reports"] as? [[String: Any]])?.first
        #expect(report?["Flips"] as? Bool == true && report?["Findings"] as? Int == 6)
        let changes = report?["Changes"] as? [[String: Any]] ?? []
        #expect(
            changes.map { "\($0["ID"] as? String ?? "") \($0["PkgName"] as? String ?? "")" } == [
                "CVE-2099-1003 busybox", "CVE-2099-1003 ssl_client", "CVE-2099-1004 musl",
            ])
        #expect((changes.first?["Old"] as? [String: Any])?["Location"] as? String == "old.yaml:6")
        let flip = try CLI.run(
            ["policy", "diff", "--old", "old.yaml", "--new", "new.yaml", "--exit-code", "9", "report.json"],
            in: directory)
        #expect(flip.status == 9)
        let same = try CLI.run(
            ["policy", "diff", "--old", "old.yaml", "--new", "old.yaml", "--exit-code", "9", "report.json"],
            in: directory)
        #expect(same.status == 0 && same.output.contains("no finding changes decision (6 decided)"))
        let unreadable = try CLI.run(
            ["policy", "diff", "--old", "old.yaml", "--new", "new.yaml", "nope.json"], in: directory)
        #expect(unreadable.status == 3)
        let badPolicy = try CLI.run(
            ["policy", "diff", "--old", "old.yaml", "--new", "nope.yaml", "report.json"], in: directory)
        #expect(badPolicy.status == 2)
    }
}
