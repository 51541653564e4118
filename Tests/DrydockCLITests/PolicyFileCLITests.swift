import DrydockTestSupport
import Foundation
import Testing

/// `--policy`: rules, the built-in default, audit mode, exceptions (scoped, expired, stale, broad), evidence.
@Suite("Gate: policy files")
struct PolicyFileCLITests {
    static let rules = """
        apiVersion: drydock/v1
        rules:
          - name: known-exploited
            description: in CISA KEV
            action: fail
            noExceptions: true
            when: {kev: true}
          - name: likely-exploited
            action: fail
            when: {epss: ">= 0.4"}
          - name: prod-critical
            action: fail
            when: {severity: CRITICAL, fixable: true, labels: {env: prod}}
          - name: low-noise
            action: ignore
            when: {severity: LOW, cvss: "< 4"}
        """

    @Test("rules decide in order on KEV, EPSS, severity, fixability, labels and CVSS; defaultAction for the rest")
    func rules() throws {
        let directory = try PolicyScenario.directory(with: ["policy.yaml": Self.rules])
        let (result, report) = try PolicyScenario.scanJSON(["--policy", "policy.yaml"], in: directory)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            PolicyScenario.decisions(report) == [
                "CVE-2099-1001 libcrypto3 fail prod-critical", "CVE-2099-1002 zlib warn defaultAction",
                "CVE-2099-1003 busybox fail known-exploited", "CVE-2099-1003 ssl_client fail known-exploited",
                "CVE-2099-1004 musl fail likely-exploited",
            ])
        #expect(PolicyScenario.setAside(report) == ["CVE-2099-1005 musl ignore low-noise"])
        let verdict = PolicyScenario.verdict(report)
        #expect(verdict["Outcome"] as? String == "failed" && verdict["ExitCode"] as? Int == 1)
        let reasons = (verdict["Reasons"] as? [[String: Any]] ?? []).map {
            "\($0["Rule"] as? String ?? "") \($0["Location"] as? String ?? "") \($0["Findings"] as? Int ?? 0)"
        }
        #expect(
            reasons == [
                "known-exploited policy.yaml:3 2", "prod-critical policy.yaml:11 1", "likely-exploited policy.yaml:8 1",
            ])
        // The table ends with the verdict and the rules that failed the build.
        let table = try PolicyScenario.scan(["--policy", "policy.yaml", "--exit-code", "7"], in: directory)
        #expect(table.status == 7)
        // Fitted to 80 columns like the rest of the table: a long reason wraps under its text.
        let tail = table.output.split(separator: "\n", omittingEmptySubsequences: false).suffix(8)
        #expect(
            Array(tail) == [
                "Verdict", "=======", "FAILED (exit code 7): 4 findings fail the build",
                "  2 × known-exploited (policy.yaml:3) in CISA KEV",
                "  1 × prod-critical (policy.yaml:11) severity CRITICAL and a fix is available",
                "      and labels env=prod",
                "  1 × likely-exploited (policy.yaml:8) epss >= 0.4", "",
            ])
    }

    @Test("--policy default fails on fixable CRITICAL only; without --policy the same flags change nothing")
    func defaultPolicy() throws {
        let (result, report) = try PolicyScenario.scanJSON(["--policy", "default"])
        #expect(result.status == 1)
        #expect(
            PolicyScenario.decisions(report).filter { $0.contains(" fail ") } == [
                "CVE-2099-1001 libcrypto3 fail fixable-critical"
            ])
        let decision =
            PolicyScenario.vulnerabilities(report, key: "Vulnerabilities").first {
                $0["PkgName"] as? String == "libcrypto3"
            }?["Decision"] as? [String: Any]
        #expect(decision?["Source"] as? String == "default-policy")
        #expect(decision?["Location"] as? String == "builtin:default:13")
        let zlib = PolicyScenario.decisions(report).first { $0.contains("zlib") }
        #expect(zlib == "CVE-2099-1002 zlib warn defaultAction")
    }

    @Test("audit: exit 0 and 'would fail' with the same reasons; --mode wins over the file; tool errors still fail")
    func audit() throws {
        let directory = try PolicyScenario.directory(with: [
            "audit.yaml": Self.rules.replacingOccurrences(of: "rules:", with: "mode: audit\nrules:"),
            "enforce.yaml": Self.rules,
        ])
        let (audited, report) = try PolicyScenario.scanJSON(
            ["--policy", "audit.yaml", "--exit-code", "6"], in: directory)
        #expect(audited.status == 0)
        let verdict = PolicyScenario.verdict(report)
        #expect(verdict["Outcome"] as? String == "would fail" && verdict["Mode"] as? String == "audit")
        #expect(verdict["Passed"] as? Bool == false && verdict["FailingFindings"] as? Int == 4)
        #expect((verdict["Reasons"] as? [[String: Any]])?.count == 3)
        let forced = try PolicyScenario.scan(["--policy", "audit.yaml", "--mode", "enforce"], in: directory)
        #expect(forced.status == 1)
        let table = try PolicyScenario.scan(["--policy", "enforce.yaml", "--mode", "audit"], in: directory)
        #expect(table.status == 0)
        #expect(
            table.output.contains(
                "WOULD FAIL (audit mode: exit code 0, the build is not failed): 4 findings would\n"
                    + "    fail the build\n"))
        let missingDB = try CLI.run(
            ["image", "--input", try PolicyScenario.image.get(), "--db", "/nonexistent/db", "--mode", "audit"])
        #expect(missingDB.status == 4)
    }

    static let exceptions = """
        apiVersion: drydock/v1
        rules:
          - name: fixable-critical
            action: fail
            when: {severity: CRITICAL, fixable: true}
          - name: kev
            action: fail
            noExceptions: true
            when: {kev: true}
        exceptions:
          - id: CVE-2099-1001
            owner: team-payments
            reason: openssl fix ships with the next base image
            expires: 2999-01-01
            purl: pkg:apk/alpine/libcrypto3
          - id: CVE-2099-1003
            owner: team-payments
            reason: awk is not in the runtime path
            expires: 2999-01-01
            image: registry.example.com/payments/*
          - id: CVE-2099-1002
            owner: team-web
            reason: accepted until the zlib fix
            expires: 2024-01-01
            purl: pkg:apk/alpine/zlib
          - id: CVE-2099-9999
            owner: team-web
            reason: gone since the last release
            expires: 2999-01-01
            image: "registry.example.com/web/*"
          - id: CVE-2099-1004
            owner: team-platform
            reason: written for every image
            expires: 2999-01-01
        """

    @Test("exceptions: scoped ones apply, expired and stale ones are reported, noExceptions holds, broad ones warn")
    func exceptions() throws {
        let directory = try PolicyScenario.directory(with: ["policy.yaml": Self.exceptions])
        let (result, report) = try PolicyScenario.scanJSON(["--policy", "policy.yaml"], in: directory)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            PolicyScenario.decisions(report) == [
                "CVE-2099-1002 zlib warn defaultAction", "CVE-2099-1003 busybox fail kev",
                "CVE-2099-1003 ssl_client fail kev", "CVE-2099-1005 musl warn defaultAction",
            ])
        #expect(
            PolicyScenario.setAside(report) == [
                "CVE-2099-1001 libcrypto3 ignore CVE-2099-1001", "CVE-2099-1004 musl ignore CVE-2099-1004",
            ])
        let statuses = (PolicyScenario.verdict(report)["Exceptions"] as? [[String: Any]] ?? []).map {
            "\($0["Location"] as? String ?? "") \($0["Status"] as? String ?? "")\($0["Broad"] as? Bool == true ? " broad" : "")"
        }
        #expect(
            statuses == [
                "policy.yaml:11 applied", "policy.yaml:16 refused", "policy.yaml:21 expired", "policy.yaml:26 stale",
                "policy.yaml:31 applied broad",
            ])
        let stderr = result.stderr
        #expect(stderr.contains("exception CVE-2099-1002 (policy.yaml:21) expired on 2024-01-01 and no longer applies"))
        #expect(stderr.contains("exception CVE-2099-9999 (policy.yaml:26) named no finding in this scan (stale)"))
        #expect(stderr.contains("broad exception CVE-2099-1004 (policy.yaml:31) decided 1 finding(s)"))
        #expect(
            stderr.contains(
                "exception CVE-2099-1003 (policy.yaml:16) named 2 failing finding(s) but may not override them"))
        let libcrypto = PolicyScenario.vulnerabilities(report, key: "ExperimentalModifiedFindings").first {
            ($0["Finding"] as? [String: Any])?["PkgName"] as? String == "libcrypto3"
        }
        #expect(libcrypto?["Statement"] as? String == "openssl fix ships with the next base image")
        let decision = (libcrypto?["Finding"] as? [String: Any])?["Decision"] as? [String: Any]
        #expect(decision?["Owner"] as? String == "team-payments" && decision?["Expires"] as? String == "2999-01-01")
        #expect((decision?["Notes"] as? [String]) == ["overrides fail by fixable-critical (policy.yaml:3)"])
    }

    @Test("ignore-file entries in policy mode are exceptions without an owner, and say so")
    func ignoreFileInPolicyMode() throws {
        let directory = try PolicyScenario.directory(with: [
            ".trivyignore.yaml": "vulnerabilities:\n  - id: CVE-2099-1001\n    statement: base image update pending\n"
        ])
        let (result, report) = try PolicyScenario.scanJSON(
            ["--policy", "default", "--ignorefile", ".trivyignore.yaml"], in: directory)
        // A broad entry never overrides a failing finding in policy mode.
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                ".trivyignore.yaml:2: ignore-file entry CVE-2099-1001 is used as an exception without an owner "
                    + "(reason: base image update pending)"))
        #expect(PolicyScenario.decisions(report).contains("CVE-2099-1001 libcrypto3 fail fixable-critical"))
    }

    @Test("--evidence: one JSON line per finding with the decision, its rule and place, the facts and the digests")
    func evidence() throws {
        let directory = try PolicyScenario.directory(with: ["policy.yaml": Self.exceptions])
        let result = try PolicyScenario.scan(
            ["--policy", "policy.yaml", "--evidence", "evidence.jsonl", "--format", "json", "--output", "r.json"],
            in: directory)
        #expect(result.status == 1)
        let text = try String(contentsOf: directory.appendingPathComponent("evidence.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        #expect(lines.count == 6)
        let busybox = try #require(
            lines.first {
                (($0["finding"] as? [String: Any])?["package"] as? [String: Any])?["name"] as? String == "busybox"
            })
        #expect(busybox["schema"] as? String == "drydock-evidence/v1")
        let policy = busybox["policy"] as? [String: Any]
        #expect(
            policy?["digest"] as? String == (try ImageFixtures.sha256(directory.appendingPathComponent("policy.yaml"))))
        #expect((busybox["database"] as? [String: Any])?["digest"] as? String != nil)
        #expect(((busybox["artifact"] as? [String: Any])?["imageID"] as? String)?.hasPrefix("sha256:") == true)
        let facts = busybox["facts"] as? [String: Any] ?? [:]
        #expect(facts["severity"] as? String == "HIGH" && facts["kev"] as? Bool == true)
        #expect(
            facts["installedVersion"] as? String == "1.36.1-r15" && facts["fixedVersion"] as? String == "1.36.1-r16")
        #expect(facts["cvss"] as? Double == 7.5 && facts["status"] as? String == "fixed")
        #expect(facts["baseline"] as? String == "new" && facts["openDays"] as? Int == 0)
        let decision = busybox["decision"] as? [String: Any] ?? [:]
        #expect(decision["action"] as? String == "fail" && decision["effect"] as? String == "fails the build")
        #expect(decision["rule"] as? String == "kev" && decision["location"] as? String == "policy.yaml:6")
        #expect(decision["conditions"] as? [String] == ["in CISA KEV (policy.yaml:9)"])
        let musl = lines.first { ($0["facts"] as? [String: Any])?["epss"] as? Double == 0.42 }
        #expect((musl?["decision"] as? [String: Any])?["owner"] as? String == "team-platform")
        let unwritable = try PolicyScenario.scan(
            ["--policy", "default", "--evidence", "/nonexistent/dir/e.jsonl"], in: directory)
        #expect(
            unwritable.status == 2 && unwritable.stderr.contains("cannot write evidence to /nonexistent/dir/e.jsonl"))
    }

    @Test("a policy with unknown fields is used with warnings naming file and line; an unusable one stops the scan")
    func unknownAndBroken() throws {
        let directory = try PolicyScenario.directory(with: [
            "typo.yaml":
                "apiVersion: drydock/v1\nrules:\n  - name: crit\n    action: fail\n    when: {severity: CRITICAL}\n    comment: x\n",
            "broken.yaml":
                "apiVersion: drydock/v1\nrules:\n  - name: crit\n    action: fail\n    when: {severity: HUGE}\n",
        ])
        let typo = try PolicyScenario.scan(["--policy", "typo.yaml"], in: directory)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("typo.yaml:6: unknown field 'comment' in rule 'crit', ignored"))
        let broken = try PolicyScenario.scan(["--policy", "broken.yaml"], in: directory)
        #expect(broken.status == 2 && broken.stderr.contains("broken.yaml:5: severity 'HUGE'"))
        let missing = try PolicyScenario.scan(["--policy", "nope.yaml"], in: directory)
        #expect(missing.status == 2 && missing.stderr.contains("policy file not found: nope.yaml"))
    }
}
