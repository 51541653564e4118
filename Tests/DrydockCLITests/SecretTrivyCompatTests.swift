import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCLI

/// Secret results as Trivy writes them: its integration test of `trivy repo` with a custom rule and a disabled
/// rule, Trivy's `--image-config-scanners`, and the summary table's columns.
@Suite("Secret scanning, Trivy's surface")
struct SecretTrivyCompatTests {
    // Trivy's fixture values, spelled in pieces so that this file holds no token a scanner would report.
    static let awsKey = "AKIA" + "ABCDEFGHI1234567"
    static let githubPAT = "ghp_" + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    /// The folder of Trivy's integration test `integration/testdata/fixtures/repo/secrets`: a shell script with
    /// an AWS key ID, a GitHub token and a word a custom rule looks for, and a `trivy-secret.yaml` that adds
    /// that rule and disables `github-pat`.
    static func repository() throws -> URL {
        let directory = try PackagePaths.temporaryDirectory("secret-golden")
        let script =
            "#!/bin/sh\n\nexport AWS_ACCESS_KEY_ID=\(awsKey)\n\nexport GITHUB_PAT=\(githubPAT)\n\necho mysecret"
        try script.write(to: directory.appendingPathComponent("deploy.sh"), atomically: true, encoding: .utf8)
        let config = """
            rules:
              - id: mysecret
                category: Custom
                title: My Secret
                severity: HIGH
                regex: mysecret
            disable-rules:
              - github-pat

            """
        try config.write(to: directory.appendingPathComponent("trivy-secret.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    /// One line of Trivy's `Code.Lines`; `Highlighted` is left out for an empty line (Go's `omitempty`).
    static func line(_ number: Int, _ content: String, cause: Bool = false) -> [String: Any] {
        var line: [String: Any] = [
            "Number": number, "Content": content, "IsCause": cause, "Annotation": "", "Truncated": false,
            "FirstCause": cause, "LastCause": cause,
        ]
        if !content.isEmpty { line["Highlighted"] = content }
        return line
    }

    /// `Results` of Trivy's golden file `integration/testdata/secrets.json.golden`.
    static var trivyResults: [[String: Any]] {
        let awsMatch = "export AWS_ACCESS_KEY_ID=" + String(repeating: "*", count: 20)
        return [
            [
                "Target": "deploy.sh", "Class": "secret",
                "Secrets": [
                    [
                        "RuleID": "aws-access-key-id", "Category": "AWS", "Severity": "CRITICAL",
                        "Title": "AWS Access Key ID", "StartLine": 3, "EndLine": 3,
                        "Code": [
                            "Lines": [line(1, "#!/bin/sh"), line(2, ""), line(3, awsMatch, cause: true), line(4, "")]
                        ],
                        "Match": awsMatch, "Offset": 36,
                    ],
                    [
                        "RuleID": "mysecret", "Category": "Custom", "Severity": "HIGH", "Title": "My Secret",
                        "StartLine": 7, "EndLine": 7,
                        "Code": [
                            "Lines": [
                                line(5, "export GITHUB_PAT=\(githubPAT)"), line(6, ""),
                                line(7, "echo ********", cause: true),
                            ]
                        ],
                        "Match": "echo ********", "Offset": 123,
                    ],
                ],
            ]
        ]
    }

    @Test("fs with a custom rule and a disabled rule: Results exactly as Trivy's golden file")
    func trivyGolden() throws {
        let directory = try Self.repository()
        let result = try CLI.run([
            "fs", directory.path, "--scanners", "secret", "--format", "json", "--secret-config",
            directory.appendingPathComponent("trivy-secret.yaml").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let results = Self.withoutDecisions(try #require(report["Results"] as? [[String: Any]]))
        #expect(NSArray(array: results).isEqual(to: Self.trivyResults), "\(results)")
        #expect(report["ArtifactType"] as? String == "filesystem")
        // As Trivy, ./trivy-secret.yaml is read without the flag when the scan runs where it lies.
        let byDefault = try ProcessRunner.run(
            PackagePaths.drydock, ["fs", ".", "--scanners", "secret", "--format", "json"],
            environment: LayerCacheIsolation.isolated(ProcessInfo.processInfo.environment), directory: directory)
        let again = try #require(try JSONSerialization.jsonObject(with: byDefault.stdout) as? [String: Any])
        let resultsAgain = Self.withoutDecisions(again["Results"] as? [[String: Any]] ?? [])
        #expect(NSArray(array: resultsAgain).isEqual(to: Self.trivyResults))
    }

    /// `results` without Drydock's one addition to each finding, its `Decision` (docs/policy.md).
    static func withoutDecisions(_ results: [[String: Any]]) -> [[String: Any]] {
        results.map { result in
            var result = result
            if let secrets = result["Secrets"] as? [[String: Any]] {
                result["Secrets"] = secrets.map { secret in
                    var secret = secret
                    #expect(secret.removeValue(forKey: "Decision") != nil, "each finding carries its decision")
                    return secret
                }
            }
            return result
        }
    }

    @Test("--image-config-scanners secret scans only the image configuration, as Trivy's flag does")
    func imageConfigScanners() throws {
        let (archive, _) = try SecretScanTests.image()
        let database = try SecretScanTests.database.get()
        let base = ["image", "--input", archive.path, "--db", database, "--format", "json"]
        let configOnly = try CLI.run(base + ["--scanners", "vuln", "--image-config-scanners", "secret"])
        #expect(configOnly.status == 0, "\(configOnly.stderr)")
        let targets = try SecretScanTests.secretResults(configOnly.stdout).map { $0["Target"] as? String }
        #expect(targets == ["config.json"])
        let report = try #require(try JSONSerialization.jsonObject(with: configOnly.stdout) as? [String: Any])
        let metadata = try #require(report["Metadata"] as? [String: Any])
        let config = try JSONSerialization.data(withJSONObject: metadata["ImageConfig"] ?? [:])
        #expect(!String(decoding: config, as: UTF8.self).contains(SecretScanTests.slackToken), "masked")
        let vulnOnly = try CLI.run(base + ["--scanners", "vuln"])
        #expect(try SecretScanTests.secretResults(vulnOnly.stdout).isEmpty)
        let filesOnly = try CLI.run(base + ["--scanners", "secret", "--image-config-scanners", "secret"])
        #expect(try SecretScanTests.secretResults(filesOnly.stdout).count == 2)
        let unsupported = try CLI.run(base + ["--image-config-scanners", "license"])
        #expect(unsupported.status == 2 && unsupported.stderr.contains("--image-config-scanners license"))
    }

    @Test("the summary table has a column for each scanner of --scanners, as Trivy's")
    func summaryColumns() throws {
        let directory = try Self.repository()
        let config = directory.appendingPathComponent("trivy-secret.yaml").path
        let secretsOnly = try CLI.run(["fs", directory.path, "--scanners", "secret", "--secret-config", config])
        let header = secretsOnly.output.split(separator: "\n").first { $0.contains("Target") }
        #expect(header?.contains("Secrets") == true && header?.contains("Vulnerabilities") == false, "\(header ?? "")")
        // No vulnerability scan was asked for: no word about OS packages not being checked.
        #expect(!secretsOnly.output.contains("OS packages were not checked"), "\(secretsOnly.output)")
        let both = try CLI.run([
            "fs", directory.path, "--secret-config", config, "--db", try SecretScanTests.database.get(),
        ])
        let bothHeader = both.output.split(separator: "\n").first { $0.contains("Target") }
        #expect(bothHeader?.contains("Vulnerabilities") == true && bothHeader?.contains("Secrets") == true)
        #expect(both.output.contains("deploy.sh (secrets)"))
    }
}
