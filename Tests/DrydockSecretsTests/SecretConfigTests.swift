import DrydockModel
import Testing

@testable import DrydockSecrets

@Suite("Secret configuration (trivy-secret.yaml)")
struct SecretConfigTests {
    static func scanner(_ yaml: String) throws -> SecretScanner {
        try SecretScanner(configuration: SecretConfigParser.parse(Array(yaml.utf8), path: "trivy-secret.yaml"))
    }

    static func error(_ yaml: String) -> SecretConfigError? {
        do {
            _ = try scanner(yaml)
            return nil
        } catch {
            return error as? SecretConfigError
        }
    }

    static let text = """
        --- ignore block start ---
        generic secret line secret="somevalue"
        --- ignore block stop ---
        secret="othervalue"
        TOKEN=\(Fake.githubPAT)
        """

    static func ids(_ scanner: SecretScanner, path: String = "srv/app/secret.txt") -> [String] {
        scanner.scan(path: path, displayPath: path, content: Array(text.utf8)).map { "\($0.ruleID):\($0.startLine)" }
    }

    static let customRule = """
        rules:
          - id: rule1
            category: general
            title: Generic Rule
            severity: HIGH
            regex: (?i)(?P<key>(secret))(=|:).{0,5}['"](?P<secret>[0-9a-zA-Z\\-_=]{8,64})['"]
            secret-group-name: secret
        """

    @Test("custom rules run with the built-in ones; Go's (?P<name>) groups; missing severity is UNKNOWN")
    func customRules() throws {
        let scanner = try Self.scanner(Self.customRule)
        #expect(Self.ids(scanner) == ["github-pat:5", "rule1:2", "rule1:4"])
        let finding = try #require(
            scanner.scan(path: "a.txt", displayPath: "a.txt", content: Array(Self.text.utf8)).first {
                $0.ruleID == "rule1"
            })
        #expect(finding.match == "generic secret line secret=\"*********\"")
        #expect(finding.category == "general" && finding.severity == .high)
        let unknown = try Self.scanner("rules:\n  - id: r\n    regex: othervalue\n")
        #expect(unknown.rules.last?.severity == .unknown)
    }

    @Test("enable-builtin-rules, disable-rules, disable-allow-rules")
    func enableDisable() throws {
        #expect(Self.ids(try Self.scanner("enable-builtin-rules: [aws-access-key-id]")) == [])
        #expect(Self.ids(try Self.scanner("enable-builtin-rules: [github-pat]")) == ["github-pat:5"])
        #expect(Self.ids(try Self.scanner("disable-rules: [github-pat]")) == [])
        let md = try Self.scanner("disable-allow-rules: [markdown]")
        #expect(md.wants(path: "docs/notes.md", size: 100))
        #expect(!(try Self.scanner("")).wants(path: "docs/notes.md", size: 100))
    }

    @Test("allow rules and exclude blocks, global and per rule")
    func allowAndExclude() throws {
        let perRule = Self.customRule + "\n    allow-rules:\n      - id: other\n        regex: other\n"
        #expect(Self.ids(try Self.scanner(perRule)) == ["github-pat:5", "rule1:2"])
        let global = "allow-rules:\n  - id: txt\n    path: .*\\.txt\n"
        #expect(!(try Self.scanner(global)).wants(path: "srv/app/secret.txt", size: 100))
        let block =
            Self.customRule + """

                exclude-block:
                  description: exclude blocks
                  regexes:
                    - --- ignore block start ---(.|\\s)*--- ignore block stop ---
                """
        #expect(Self.ids(try Self.scanner(block)) == ["github-pat:5", "rule1:4"])
    }

    @Test("skip-patterns replace Trivy's defaults")
    func skipPatterns() throws {
        let scanner = try Self.scanner("skip-patterns:\n  - \"**/*.xyz\"\n  - \"**/vendor/**\"\n")
        #expect(!scanner.wants(path: "a/b.xyz", size: 100))
        #expect(scanner.wants(path: "a/node_modules/c.js", size: 100))
        #expect(scanner.wants(path: "package-lock.json", size: 100))
    }

    @Test(
        "mistakes are errors naming the file and line",
        arguments: [
            ("rules:\n  - id: r\n    regex: x\n    severity: bad\n", 4, "severity 'bad'"),
            ("rules:\n  - id: r\n    regex: '(unclosed'\n", 2, "not a valid regular expression"),
            ("disable-rule: [github-pat]\n", 1, "unknown key 'disable-rule'"),
            ("rules:\n  - id: r\n    title: no regex\n", 2, "needs a 'regex'"),
            ("rules: [a: b\n", 2, "not valid YAML"),
            ("skip-patterns:\n  - \"**/[ab\"\n", 2, "'[' is not closed"),
            ("rules:\n  - regex: x\n", 2, "needs an 'id'"),
        ])
    func errors(yaml: String, line: Int, reason: String) throws {
        let error = try #require(Self.error(yaml))
        #expect(error.file == "trivy-secret.yaml")
        #expect(error.line == line, "\(error)")
        #expect(error.description.contains(reason), "\(error)")
    }

    @Test("the fingerprint changes with the rules in force")
    func fingerprint() throws {
        let plain = try SecretScanner()
        #expect(try SecretScanner().fingerprint == plain.fingerprint)
        #expect(try Self.scanner("disable-rules: [github-pat]").fingerprint != plain.fingerprint)
        #expect(try Self.scanner(Self.customRule).fingerprint != plain.fingerprint)
        #expect(try SecretScanner(sizeLimit: 1 << 20).fingerprint != plain.fingerprint)
    }
}
