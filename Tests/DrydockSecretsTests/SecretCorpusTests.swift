import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockSecrets

/// The corpus suite for secrets: Trivy's secret test inputs (`../shared/fixtures/trivy/pkg/fanal/secret/testdata`)
/// against the facts Trivy's own tests state about them, and against `detect-secrets` (PyPI), an established
/// scanner of another lineage, on the same files. Skipped, with a line saying so, without `../shared`.
@Suite("Secret corpus")
struct SecretCorpusTests {
    static let testdata = "trivy/pkg/fanal/secret/testdata"

    static func directory() -> URL? {
        guard let shared = ImageFixtures.sharedFixtures() else {
            print("secret corpus skipped: ../shared/fixtures is absent")
            return nil
        }
        return shared.appendingPathComponent(testdata)
    }

    /// (file, Trivy config it was tested with, `rule:start-end` of each finding) from Trivy's scanner tests.
    static let trivyFacts: [(file: String, config: String, findings: [String])] = [
        (
            "aws-secrets.txt", "config.yaml",
            ["aws-access-key-id:2-2", "aws-secret-access-key:1-1", "aws-secret-access-key:5-5"]
        ),
        ("crlf-line-endings.txt", "skip-test.yaml", ["aws-access-key-id:2-2", "github-pat:4-4"]),
        ("asymmetric-private-secret.txt", "skip-test.yaml", ["private-key:2-4"]),
        ("alibaba-access-key-id.txt", "skip-test.yaml", ["alibaba-access-key-id:2-2"]),
        ("asymmetric-private-secret.json", "skip-test.yaml", ["private-key:1-1"]),
        ("docker-secrets.txt", "skip-test.yaml", ["dockerconfig-secret:2-2", "dockerconfig-secret:4-4"]),
        ("hugging-face-secret.txt", "config.yaml", ["hugging-face-access-token:1-1"]),
        ("grafana-env.txt", "config.yaml", ["grafana-api-token:1-1", "grafana-api-token:2-2"]),
        ("jwt-secret.txt", "config.yaml", ["jwt-token:3-3"]),
        ("symfony-secret.yaml", "config.yaml", ["symfony-default-secret:2-2"]),
        (
            "private-packagist.txt", "config.yaml",
            ["private-packagist-token:1-1", "private-packagist-token:2-2", "private-packagist-token:3-3"]
        ),
        ("builtin-rule-secret.txt", "skip-test.yaml", ["aws-access-key-id:2-2", "github-pat:1-1"]),
        ("github-token.txt", "skip-test.yaml", ["github-fine-grained-pat:1-1"]),
        ("github-app-token.txt", "skip-test.yaml", ["github-app-token:1-1"]),
        ("example-secret.txt", "skip-test.yaml", []),
        ("long-line-secret.txt", "skip-test.yaml", ["github-pat:1-1"]),
        ("invalid-aws-secrets.txt", "skip-test.yaml", []),
        ("wrapped-secrets.txt", "skip-test.yaml", []),
        (
            "wrapped-secrets-sensitive.txt", "skip-test.yaml",
            ["aws-secret-access-key:1-1", "github-fine-grained-pat:2-2"]
        ),
        ("asymmetric-private-key.txt", "skip-test.yaml", ["private-key:2-3", "private-key:9-9"]),
        ("obfuscated.js", "skip-test.yaml", ["stripe-publishable-token:1-1"]),
        ("azure-storage-account-key.txt", "skip-test.yaml", ["azure-storage-account-key:1-1"]),
        ("azure-sas-token.txt", "skip-test.yaml", ["azure-sas-token:1-1"]),
        ("azure-devops-pat.txt", "skip-test.yaml", ["azure-devops-pat:1-1"]),
        ("azure-entra-client-secret.txt", "skip-test.yaml", ["azure-entra-client-secret:1-1"]),
        ("azure-container-registry-credential.txt", "skip-test.yaml", ["azure-container-registry-credential:1-1"]),
        ("azure-container-registry-password.txt", "skip-test.yaml", ["azure-container-registry-password:1-1"]),
        ("azure-app-config-connection-string.txt", "skip-test.yaml", ["azure-app-config-connection-string:1-1"]),
        ("azure-ai-services-key.txt", "skip-test.yaml", ["azure-ai-services-key:1-1"]),
        ("settings.xml", "skip-test.yaml", ["maven-settings-passphrase:3-3", "maven-settings-password:2-2"]),
        ("settings-security.xml", "skip-test.yaml", ["maven-settings-security-master:2-2"]),
        ("invalid-utf8.txt", "skip-test.yaml", ["github-pat:1-1"]),
    ]

    static func scanner(config: String, in directory: URL) throws -> SecretScanner {
        let url = directory.appendingPathComponent(config)
        let bytes = [UInt8](try Data(contentsOf: url))
        return try SecretScanner(configuration: SecretConfigParser.parse(bytes, path: url.path))
    }

    @Test("Drydock finds what Trivy's tests say Trivy finds in its own secret fixtures")
    func trivyFacts() throws {
        guard let directory = Self.directory() else { return }
        for fact in Self.trivyFacts {
            let scanner = try Self.scanner(config: fact.config, in: directory)
            let content = [UInt8](try Data(contentsOf: directory.appendingPathComponent(fact.file)))
            // As the walker does: paths the scanner does not want are not scanned.
            let wanted = scanner.wants(path: fact.file, size: content.count)
            let found = wanted ? scanner.scan(path: fact.file, displayPath: fact.file, content: content) : []
            let summary = found.map { "\($0.ruleID):\($0.startLine)-\($0.endLine)" }.sorted()
            #expect(summary == fact.findings, "\(fact.file)")
            for finding in found where !finding.match.hasPrefix("Binary file") {
                #expect(finding.match.contains("*"), "\(fact.file): \(finding.match)")
            }
        }
    }

    @Test("every configuration file in Trivy's fixtures is read; a wrong severity is an error naming its line")
    func trivyConfigs() throws {
        guard let directory = Self.directory() else { return }
        let configs = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".yaml") && $0 != "symfony-secret.yaml"
        }
        #expect(configs.count > 20)
        for config in configs.sorted() {
            if config == "config-with-incorrect-severity.yaml" {
                #expect(throws: SecretConfigError.self) { try Self.scanner(config: config, in: directory) }
            } else {
                #expect(throws: Never.self, "\(config)") { try Self.scanner(config: config, in: directory) }
            }
        }
    }

    @Test("agreement with detect-secrets on the same files")
    func detectSecrets() throws {
        guard let directory = Self.directory() else { return }
        let work = try ImageFixtures.temporaryDirectory(prefix: "detect-secrets")
        let copy = work.appendingPathComponent("testdata")
        try FileManager.default.copyItem(at: directory, to: copy)
        let hits = try DetectSecrets.scan(copy)
        let theirsAll = Set(hits.map { "\($0.file):\($0.line)" })
        let theirs = Set(hits.filter { DetectSecrets.formatTypes.contains($0.type) }.map { "\($0.file):\($0.line)" })
        let scanner = try SecretScanner()
        var ours: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: copy.path) {
            let content = [UInt8](try Data(contentsOf: copy.appendingPathComponent(file)))
            guard scanner.wants(path: file, size: content.count) else { continue }
            for finding in scanner.scan(path: file, displayPath: file, content: content) {
                // A private key's finding is its body; detect-secrets names the BEGIN line above it.
                let first = finding.ruleID == "private-key" ? finding.startLine - 1 : finding.startLine
                for line in first...finding.endLine { ours.insert("\(file):\(line)") }
            }
        }
        let agreed = theirs.intersection(ours)
        let onlyTheirs = theirs.subtracting(ours)
        print(
            "detect-secrets agreement: \(agreed.count) lines flagged by both; \(onlyTheirs.count) only by detect-secrets "
                + "(format plugins); \(ours.subtracting(theirsAll).count) only by Drydock (formats detect-secrets has no "
                + "plugin for: Azure, Alibaba, Hugging Face, Grafana, Maven, Packagist, Docker config, …); "
                + "\(theirsAll.subtracting(theirs).subtracting(ours).count) heuristic-only (entropy, keywords)")
        #expect(agreed.count >= 15)
        for line in onlyTheirs.sorted() {
            #expect(
                DetectSecrets.trivyTestdataDifferences[line] != nil, "detect-secrets flags \(line), Drydock does not")
        }
    }
}
