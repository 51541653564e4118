import DrydockTestSupport
import Foundation
import Testing

/// Misconfigurations through the gate and the report writers: ignore files with older check IDs, inline ignores
/// against a policy, passed checks, SARIF locations, and Trivy's `--image-config-scanners` beside a vulnerability
/// scan.
@Suite struct MisconfigGateTests {
    static func json(_ result: ProcessRunner.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result.stderr)")
    }

    static func results(_ report: [String: Any]) -> [[String: Any]] { report["Results"] as? [[String: Any]] ?? [] }

    static func ids(_ result: [String: Any], _ key: String = "Misconfigurations") -> [String] {
        (result[key] as? [[String: Any]] ?? []).compactMap {
            ($0["ID"] as? String) ?? (($0["Finding"] as? [String: Any])?["ID"] as? String)
        }
    }

    @Test("--image-config-scanners misconfig beside a vulnerability scan; an ignore file names a check by its old ID")
    func imageConfigWithVulnerabilitiesAndAnIgnoreFile() throws {
        let database = try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
        let archive = try ImageFixtures.dockerArchive(
            layers: [DebianScenario.layer],
            config: ImageFixtures.ConfigSpec(createdBy: ["/bin/sh -c apt-get update && sudo apt-get install -y curl"]))
        let folder = try PackagePaths.temporaryDirectory("misconfig-ignore")
        let ignore = folder.appendingPathComponent(".trivyignore.yaml")
        try "misconfigurations:\n  - id: DS010\n    statement: sudo is how the base image works\n".write(
            to: ignore, atomically: true, encoding: .utf8)
        let result = try CLI.run([
            "image", "--input", archive.path, "--db", database, "--image-config-scanners", "misconfig",
            "--ignorefile", ignore.path, "--format", "json", "--quiet", "--no-cache",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let results = Self.results(try Self.json(result))
        #expect(results.contains { $0["Class"] as? String == "os-pkgs" }, "the vulnerability scan still runs")
        let config = try #require(results.first { $0["Class"] as? String == "config" })
        #expect(config["Target"] as? String == archive.path)
        #expect(config["Type"] as? String == "dockerfile")
        #expect(Self.ids(config).contains("DS-0029"), "apt-get install without --no-install-recommends")
        #expect(!Self.ids(config).contains("DS-0010"), "set aside by the ignore file's DS010")
        let modified = try #require((config["ExperimentalModifiedFindings"] as? [[String: Any]])?.first)
        #expect(modified["Status"] as? String == "ignored")
        #expect(modified["Statement"] as? String == "sudo is how the base image works")
        #expect((modified["Finding"] as? [String: Any])?["ID"] as? String == "DS-0010")

        let plain = try CLI.run(["image", "--input", archive.path, "--db", database, "--format", "json", "--no-cache"])
        #expect(!Self.results(try Self.json(plain)).contains { $0["Class"] as? String == "config" })
        let refused = try CLI.run(["image", "--input", archive.path, "--image-config-scanners", "secret"])
        #expect(refused.status == 2)
    }

    static let privilegedPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
            # trivy:ignore:KSV017
            - name: web
              image: nginx:1.27
              securityContext: {privileged: true}

        """

    @Test("an inline ignore is an exception to a policy rule, refused by noExceptions; the evidence says which")
    func inlineIgnoresUnderAPolicy() throws {
        let root = try ConfigCommandTests.folder([
            "app/pod.yaml": Self.privilegedPod,
            "strict.yaml": """
            apiVersion: drydock/v1
            rules:
              - name: privileged
                action: fail
                noExceptions: true
                when: {kind: misconfiguration, id: KSV-0017}
            """,
            "lenient.yaml": """
            apiVersion: drydock/v1
            rules:
              - name: privileged
                action: fail
                when: {kind: misconfiguration, id: KSV-0017}
            """,
        ])
        let evidence = root.appendingPathComponent("evidence.jsonl")
        let strict = try CLI.run([
            "config", root.appendingPathComponent("app").path, "--policy",
            root.appendingPathComponent("strict.yaml").path, "--evidence", evidence.path, "--quiet",
        ])
        #expect(strict.status == 1, "noExceptions keeps the fail")
        let lines = try String(contentsOf: evidence, encoding: .utf8).split(separator: "\n")
        let privileged = try #require(lines.first { $0.contains("\"KSV-0017\"") })
        #expect(privileged.contains("allows no exceptions"), "\(privileged)")
        let lenient = try CLI.run([
            "config", root.appendingPathComponent("app").path, "--policy",
            root.appendingPathComponent("lenient.yaml").path, "--evidence", evidence.path, "--quiet",
        ])
        #expect(lenient.status == 0, "the inline comment is an exception the rule allows")
        let decided = try String(contentsOf: evidence, encoding: .utf8).split(separator: "\n")
        let ignored = try #require(decided.first { $0.contains("\"KSV-0017\"") })
        #expect(ignored.contains("\"inline\""), "\(ignored)")
        #expect(ignored.contains("pod.yaml:6"), "\(ignored)")
    }

    @Test("passed checks are listed with --include-non-failures but never fail the gate nor reach SARIF")
    func passedChecksAndSARIFLocations() throws {
        let root = try ConfigCommandTests.folder(["Dockerfile": "FROM alpine:3.20\nRUN apk add curl\nUSER app\n"])
        let listed = try CLI.run([
            "config", root.path, "--include-non-failures", "--severity", "HIGH,CRITICAL", "--format", "json", "--quiet",
        ])
        let result = try #require(Self.results(try Self.json(listed)).first)
        let entries = result["Misconfigurations"] as? [[String: Any]] ?? []
        let passes = entries.filter { $0["Status"] as? String == "PASS" }
        #expect(passes.contains { $0["ID"] as? String == "DS-0002" }, "USER app passes the root-user check")
        #expect(!passes.contains { $0["Severity"] as? String == "LOW" }, "--severity filters passes too, as Trivy")
        #expect(entries.contains { $0["ID"] as? String == "DS-0025" && $0["Status"] as? String == "FAIL" })

        let gated = try CLI.run(["config", root.path, "--include-non-failures", "--exit-code", "7", "--quiet"])
        #expect(gated.status == 7, "DS-0025 fails")
        let passing = try ConfigCommandTests.folder([
            "Dockerfile": "FROM alpine:3.20\nHEALTHCHECK CMD true\nUSER app\n"
        ])
        let clean = try CLI.run(["config", passing.path, "--include-non-failures", "--exit-code", "7", "--quiet"])
        #expect(clean.status == 0, "passes alone never fail: \(String(decoding: clean.stdout, as: UTF8.self))")

        let sarif = try CLI.run(["config", root.path, "--include-non-failures", "--format", "sarif", "--quiet"])
        let log = try Self.json(sarif)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let sarifResults = run["results"] as? [[String: Any]] ?? []
        #expect(!sarifResults.contains { $0["ruleId"] as? String == "DS-0002" }, "a PASS is not a SARIF result")
        let apk = try #require(sarifResults.first { $0["ruleId"] as? String == "DS-0025" })
        let location = try #require(
            (apk["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "Dockerfile")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 2)
        #expect((location["region"] as? [String: Any])?["endLine"] as? Int == 2)
    }
}
