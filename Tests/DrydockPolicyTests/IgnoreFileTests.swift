import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

/// `.trivyignore` and `.trivyignore.yaml`, read and matched with Trivy's rules.
@Suite("Trivy ignore files")
struct IgnoreFileTests {
    static let now = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z

    static func context(_ finding: Finding, target: String = "app (alpine 3.10.4)") -> FindingContext {
        FindingContext(finding: finding, targetName: target, targetKind: .osPackages, targetType: "alpine")
    }

    static func parse(_ text: String, path: String = ".trivyignore") throws -> IgnoreFile {
        try IgnoreFile.parse(Array(text.utf8), path: path)
    }

    @Test("lines: IDs, comments, exp: dates (an expired entry never applies), extra fields allowed")
    func lines() throws {
        let file = try Self.parse(
            """
            # vulnerabilities
            CVE-2019-0001
              CVE-2019-0004 exp:2020-01-01
            CVE-2019-0005 exp:9999-01-01 key2:value2

            AVD-ID400
            """)
        #expect(file.format == .lines)
        #expect(file.entries.map(\.id) == ["CVE-2019-0001", "CVE-2019-0004", "CVE-2019-0005", "AVD-ID400"])
        #expect(file.entries.map(\.location.line) == [2, 3, 4, 6])
        #expect(file.entries[1].isExpired(at: Self.now))
        #expect(!file.entries[2].isExpired(at: Self.now))
        #expect(file.entries.allSatisfy { $0.kinds == Set(FindingKind.allCases) })
        let expired = Finding.vulnerability(ModelFixtures.finding(id: "CVE-2019-0004"))
        #expect(file.match(Self.context(expired), at: Self.now) == nil)
        #expect(file.expiredMatches(Self.context(expired), at: Self.now).count == 1)
        let listed = Finding.vulnerability(ModelFixtures.finding(id: "CVE-2019-0005"))
        #expect(file.match(Self.context(listed), at: Self.now)?.location.line == 4)
    }

    @Test("an exp: date that is not a day is an error naming the line (Trivy skips the entry with a warning)")
    func badDate() {
        #expect {
            try Self.parse("CVE-1\nCVE-2 exp:2024-02-30\n")
        } throws: { error in
            (error as? PolicyError)?.description
                == ".trivyignore:2: 'exp:2024-02-30': the expiry date must be exp:YYYY-MM-DD (a real day)"
        }
    }

    static let yaml = """
        vulnerabilities:
          - id: CVE-2019-0001
            paths:
              - "**/*-lock.json"
          - id: CVE-2019-0002
            paths: ["bar/package.json"]
          - id: CVE-2019-0006
            expired_at: 2020-01-01
          - id: CVE-2019-0007
            purls:
              - "pkg:golang/github.com/aquasecurity/aaa@9.9.9"
              - "pkg:apk/alpine/musl"
            statement: Accept the risk
        misconfigurations:
          - id: AVD-DS-0002
        secrets:
          - id: generic-unwanted-rule2
            paths:
              - "**/config.yaml"
        licenses:
          - id: GPL-3.0
          - id: Apache-2.0 WITH LLVM-exception
        """

    @Test("yaml: sections, paths against the target or package file, purls, statements, expiry")
    func yamlEntries() throws {
        let file = try Self.parse(Self.yaml, path: "./config/.trivyignore.yaml")
        #expect(file.path == "config/.trivyignore.yaml")
        #expect(file.format == .yaml)
        #expect(file.entries.count == 8)
        #expect(file.entries.first?.location.line == 2)
        // paths: the lockfile target matches, another target does not.
        let lodash = Finding.vulnerability(ModelFixtures.finding(id: "CVE-2019-0001"))
        #expect(file.match(Self.context(lodash, target: "web/package-lock.json"), at: Self.now) != nil)
        #expect(file.match(Self.context(lodash, target: "requirements.txt"), at: Self.now) == nil)
        // purls: a versionless purl names every version of musl.
        let musl = Finding.vulnerability(ModelFixtures.finding(id: "CVE-2019-0007"))
        #expect(file.match(Self.context(musl), at: Self.now)?.statement == "Accept the risk")
        var other = ModelFixtures.finding(id: "CVE-2019-0007")
        other.package.purl = "pkg:apk/alpine/busybox@1.30.1-r2"
        #expect(file.match(Self.context(.vulnerability(other)), at: Self.now) == nil)
        // expired_at in the past: never applies.
        let expired = Finding.vulnerability(ModelFixtures.finding(id: "CVE-2019-0006"))
        #expect(file.match(Self.context(expired), at: Self.now) == nil)
        // a section applies to its kind only.
        let secret = Finding.secret(
            SecretFinding(
                filePath: "app/config.yaml", ruleID: "generic-unwanted-rule2", category: "Generic",
                severity: .high, title: "t", startLine: 1, endLine: 1, match: "****"))
        #expect(file.match(Self.context(secret, target: "app/config.yaml"), at: Self.now) != nil)
        #expect(file.match(Self.context(secret, target: "app/other.yaml"), at: Self.now) == nil)
    }

    @Test("a check is matched by any of its IDs, the older spellings included")
    func checkAliases() throws {
        let file = try Self.parse(Self.yaml, path: ".trivyignore.yaml")
        let check = MisconfigurationFinding(
            fileType: "dockerfile", filePath: "Dockerfile", id: "DS-0002", aliases: ["DS002", "AVD-DS-0002"],
            title: "Image user should not be 'root'", description: "", message: "", resolution: "",
            severity: .high)
        #expect(file.match(Self.context(.misconfiguration(check), target: "Dockerfile"), at: Self.now) != nil)
        let lines = try Self.parse("DS002\n")
        #expect(lines.match(Self.context(.misconfiguration(check), target: "Dockerfile"), at: Self.now) != nil)
    }

    @Test("a license expression is ignored when each of its licenses is")
    func licenseExpression() throws {
        let file = try Self.parse(Self.yaml, path: ".trivyignore.yaml")
        func license(_ name: String) -> FindingContext {
            Self.context(
                .license(LicenseFinding(name: name, category: .restricted, severity: .high, filePath: "LICENSE")),
                target: "LICENSE")
        }
        #expect(file.match(license("GPL-3.0 AND (Apache-2.0 WITH LLVM-exception)"), at: Self.now) != nil)
        #expect(file.match(license("GPL-3.0 OR MIT"), at: Self.now) == nil)
    }

    @Test(
        "malformed YAML ignore files are errors naming file and line",
        arguments: [
            ("vulnerabilities:\n  - id: CVE-1\n    path: foo\n", ".trivyignore.yaml:3: unknown key 'path'"),
            ("vulnerabilities:\n  - paths: [a]\n", ".trivyignore.yaml:2: an entry of 'vulnerabilities' has no id"),
            ("vulnerability:\n  - id: CVE-1\n", ".trivyignore.yaml:1: unknown section 'vulnerability'"),
            ("vulnerabilities:\n  - id: CVE-1\n    paths: ['[']\n", ".trivyignore.yaml:3: paths: invalid pattern"),
            ("vulnerabilities:\n  - id: CVE-1\n    purls: [nope]\n", ".trivyignore.yaml:3: purls: 'nope'"),
            ("vulnerabilities:\n  - id: CVE-1\n    expired_at: soon\n", ".trivyignore.yaml:3: expired_at 'soon'"),
            ("vulnerabilities:\n  - id: CVE-1\n    paths: foo\n", ".trivyignore.yaml:3: paths must be a list"),
            ("this file is not a yaml file", ".trivyignore.yaml:1: an ignore file must be a mapping"),
            ("vulnerabilities:\n  - id: [\n", ".trivyignore.yaml:2: invalid YAML"),
        ])
    func malformed(text: String, message: String) {
        #expect {
            try Self.parse(text, path: ".trivyignore.yaml")
        } throws: { error in
            (error as? PolicyError)?.description.hasPrefix(message) == true
        }
    }

    @Test("an empty YAML file ignores nothing")
    func emptyYAML() throws {
        #expect(try Self.parse("", path: "x.yml").entries.isEmpty)
        #expect(try Self.parse("vulnerabilities:\n", path: "x.yml").entries.isEmpty)
    }
}
