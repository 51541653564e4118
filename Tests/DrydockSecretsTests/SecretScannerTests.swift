import DrydockModel
import Testing

@testable import DrydockSecrets

/// Fake credentials used below (random, not real).
enum Fake {
    static let awsKey = "AKIA" + "Q7WZ2LMN4RT8VX3K"
    static let githubPAT = "ghp_" + "q7WZ2lmn4RT8vx3KpA9sD1fG6hJ0kL5zXc2B"
    static let githubPAT2 = "ghp_" + "B2cXz5Lk0Jh6Gf1Ds9Ap3KTR8vx4nml2ZW7q"
}

@Suite("Secret scanner")
struct SecretScannerTests {
    let scanner: SecretScanner

    init() throws {
        scanner = try SecretScanner()
    }

    func scan(_ text: String, path: String = "srv/app/settings.env") -> [SecretFinding] {
        scanner.scan(path: path, displayPath: "/" + path, content: Array(text.utf8))
    }

    @Test("lines, code and match as Trivy lays them out, every secret of the file masked")
    func layout() throws {
        let text = "#!/bin/sh\n\nexport AWS_ACCESS_KEY_ID=\(Fake.awsKey)\nexport TOKEN=\(Fake.githubPAT)\n\nexit 0\n"
        let findings = scan(text)
        #expect(findings.map(\.ruleID) == ["aws-access-key-id", "github-pat"])
        let aws = try #require(findings.first)
        #expect(aws.filePath == "/srv/app/settings.env")
        #expect(aws.startLine == 3 && aws.endLine == 3)
        #expect(aws.match == "export AWS_ACCESS_KEY_ID=" + String(repeating: "*", count: 20))
        #expect(aws.offset == 36)
        #expect(aws.code.lines.map(\.number) == [1, 2, 3, 4])
        #expect(aws.code.lines.map(\.isCause) == [false, false, true, false])
        #expect(aws.code.lines[2].firstCause && aws.code.lines[2].lastCause)
        // The next line's token, a secret of another rule, is masked in this finding's code too.
        #expect(aws.code.lines[3].content == "export TOKEN=" + String(repeating: "*", count: 40))
        let github = try #require(findings.last)
        #expect(github.code.lines.map(\.number) == [2, 3, 4, 5])
        for finding in findings {
            let shown = [finding.match] + finding.code.lines.map(\.content)
            #expect(!shown.contains { $0.contains(Fake.awsKey) || $0.contains(Fake.githubPAT) })
        }
    }

    @Test("a long line is cut around the secret: 30 bytes before, 20 after")
    func longLine() throws {
        let text = String(repeating: "a", count: 150) + " " + Fake.githubPAT + " " + String(repeating: "b", count: 150)
        let finding = try #require(scan(text).first)
        #expect(
            finding.match == String(repeating: "a", count: 29) + " " + String(repeating: "*", count: 40) + " "
                + String(repeating: "b", count: 19))
        #expect(finding.code.lines.count == 1 && finding.code.lines[0].content == finding.match)
    }

    @Test("carriage returns are dropped from what is shown")
    func crlf() throws {
        let finding = try #require(scan("first\r\nkey: \(Fake.awsKey)\r\nlast\r\n").first)
        #expect(finding.startLine == 2)
        #expect(finding.match == "key: " + String(repeating: "*", count: 20))
        #expect(finding.code.lines.map(\.content) == ["first", finding.match, "last"])
    }

    @Test("a PEM private key spans lines; only the key body is masked")
    func privateKey() throws {
        let body = (0..<6).map { _ in String(repeating: "MIIEpAIBAAKCAQEAx4", count: 3) + "q" }.joined(separator: "\n")
        let text = "line one\n-----BEGIN RSA PRIVATE KEY-----\n\(body)\n-----END RSA PRIVATE KEY-----\nafter\n"
        let finding = try #require(scan(text).first)
        #expect(finding.ruleID == "private-key")
        #expect(finding.startLine == 3 && finding.endLine == 8)
        #expect(finding.code.lines.first?.content == "line one")
        #expect(finding.code.lines.filter(\.isCause).count == 6)
        #expect(!finding.code.lines.contains { $0.content.contains("MIIE") })
        #expect(finding.code.lines.contains { $0.content == "-----BEGIN RSA PRIVATE KEY-----" })
    }

    @Test("binaries are not scanned; Python bytecode's printable strings are")
    func binaries() throws {
        var binary: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0, 1, 2, 3]
        binary += Array("token=\(Fake.githubPAT)\n".utf8) + [0, 0]
        #expect(scanner.scan(path: "usr/local/bin/tool", displayPath: "tool", content: binary).isEmpty)
        let finding = try #require(
            scanner.scan(
                path: "srv/app/settings.cpython-311.pyc", displayPath: "/srv/app/settings.cpython-311.pyc",
                content: binary
            ).first)
        #expect(finding.ruleID == "github-pat")
        #expect(
            finding.match
                == "Binary file \"/srv/app/settings.cpython-311.pyc\" matches a rule \"GitHub Personal Access Token\"")
        #expect(finding.code.isEmpty)
    }

    @Test("allow rules: paths of tests, examples, vendored code, docs and system folders; matches with 'example'")
    func allowRules() throws {
        let text = "TOKEN=\(Fake.githubPAT)\n"
        for path in [
            "usr/share/doc/app/notes.txt", "srv/app/vendor/lib/conf.txt", "srv/app/tests/conf.txt", "srv/README.md",
            "srv/examples/conf.txt", "usr/local/lib/python3.11/site-packages/x.txt", "usr/lib/gems/x.rb",
            "srv/app/locales/en.yml", "usr/local/go/src/x.go", "srv/x.dist-info/METADATA", "vendor/x/conf.txt",
            "test/conf.txt",
        ] {
            #expect(!scanner.wants(path: path, size: 100), "\(path) is not allowed")
        }
        #expect(scanner.wants(path: "srv/app/conf.txt", size: 100))
        #expect(scan("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n").isEmpty)
        // Drydock's `package-caches`: downloaded third-party packages, in images and in home folders.
        for path in [
            "go/pkg/mod/github.com/x/y@v1.0.0/conf.go", "root/go/pkg/mod/x/conf.go", "root/.cache/pip/http/a/b",
            "home/app/.npm/_cacache/index-v5/ab/cd", "root/.m2/repository/org/x/x.pom", "root/.gradle/caches/x.txt",
            "usr/local/cargo/registry/src/x/conf.rs", "root/.cargo/registry/src/x/conf.rs",
            "root/.nuget/packages/x/conf.txt", "root/.composer/cache/files/x", "srv/.yarn/cache/x.txt",
            "usr/local/share/.cache/yarn/v6/x/conf.js",
        ] {
            #expect(!scanner.wants(path: path, size: 100), "\(path) is a package cache")
        }
        for path in ["srv/gopkg/mod/conf.txt", "root/.cache/app/conf.txt", "srv/cargo/registry.txt"] {
            #expect(scanner.wants(path: path, size: 100), "\(path) is not a package cache")
        }
        let noCaches = try SecretScanner(configuration: SecretConfiguration(disableAllowRules: ["package-caches"]))
        #expect(noCaches.wants(path: "go/pkg/mod/x/conf.go", size: 100))
        #expect(!scan(text).isEmpty)
    }

    @Test("skip patterns, size limits and tiny files")
    func skipped() {
        for path in [
            "srv/app/node_modules/x/conf.js", "srv/package-lock.json", "a/b/go.sum", "srv/logo.png", ".git/config",
        ] {
            #expect(!scanner.wants(path: path, size: 100), "\(path) is skipped")
        }
        #expect(!scanner.wants(path: "srv/app/conf.txt", size: 9))
        #expect(!scanner.wants(path: "srv/app/conf.txt", size: SecretScanner.defaultSizeLimit + 1))
        #expect(scanner.isTooLarge(path: "srv/app/conf.txt", size: SecretScanner.defaultSizeLimit + 1))
        #expect(!scanner.isTooLarge(path: "usr/share/big.txt", size: SecretScanner.defaultSizeLimit + 1))
    }

    @Test("invalid UTF-8 keeps offsets exact and is shown as U+FFFD")
    func invalidUTF8() throws {
        var bytes: [UInt8] = Array("caf".utf8) + [0xC3, 0x28] + Array(" é token=".utf8)
        let prefix = bytes.count
        bytes += Array("\(Fake.githubPAT)\n".utf8)
        let finding = try #require(scanner.scan(path: "srv/a.txt", displayPath: "srv/a.txt", content: bytes).first)
        #expect(finding.offset == prefix)
        #expect(finding.match == "caf\u{FFFD}( é token=" + String(repeating: "*", count: 40))
    }

    @Test("the windowed search finds exactly what running every expression on whole files finds")
    func windowsMatchWholeFiles() throws {
        let wholeFile = BuiltinRules.all.map { rule -> SecretRule in
            var rule = rule
            rule.reach = .wholeFile
            rule.afterKeyword = nil
            rule.exactKeywords = false
            return rule
        }
        let reference = try SecretScanner(
            configuration: SecretConfiguration(enableBuiltinRules: ["-"], rules: wholeFile))
        var texts = ruleSamples.flatMap { [$0.positive, $0.negative] }
        texts.append(ruleSamples.map(\.positive).joined(separator: "\n"))
        texts.append(ruleSamples.map { $0.negative + " " + $0.positive }.joined(separator: "\r\n"))
        for text in texts {
            let fast = scanner.scan(path: "srv/a.txt", displayPath: "a", content: Array(text.utf8))
            let slow = reference.scan(path: "srv/a.txt", displayPath: "a", content: Array(text.utf8))
            #expect(fast == slow, "differ on \(text.prefix(80))")
        }
    }
}
