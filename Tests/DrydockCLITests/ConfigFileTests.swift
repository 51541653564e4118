import Foundation
import Testing

@testable import DrydockCLI

@Suite("Config files and environment variables (drydock.yaml, trivy.yaml, DRYDOCK_*, TRIVY_*)")
struct ConfigFileTests {
    @Test("nested keys are flattened with dots, flat keys stay as they are, lines are kept")
    func flatten() throws {
        let text = """
            severity:
              - HIGH
              - CRITICAL
            scan:
              skip-dirs: [vendor, "**/testdata"]
            vulnerability:
              ignore-unfixed: true
            cacert:
            exit-code: 1
            """
        let file = try ConfigFile.parse(text, path: "trivy.yaml")
        #expect(
            file.entries == [
                .init(key: "severity", values: ["HIGH", "CRITICAL"], isList: true, line: 1),
                .init(key: "scan.skip-dirs", values: ["vendor", "**/testdata"], isList: true, line: 5),
                .init(key: "vulnerability.ignore-unfixed", values: ["true"], isList: false, line: 7),
                .init(key: "exit-code", values: ["1"], isList: false, line: 9),
            ])
    }

    @Test(
        "malformed files fail naming the file and the line",
        arguments: [
            ("severity: [HIGH\nexit-code: 1\n", "trivy.yaml:2: while parsing a flow sequence"),
            ("- a\n- b\n", "trivy.yaml:1: expected a mapping"),
            ("scan:\n  skip-dirs:\n    - {a: b}\n", "trivy.yaml:3: 'scan.skip-dirs': expected a list of plain values"),
            ("a: 1\n\ta: 2\n", "trivy.yaml:2"),
        ])
    func malformed(text: String, message: String) {
        #expect {
            try ConfigFile.parse(text, path: "trivy.yaml")
        } throws: { error in
            String(describing: error).hasPrefix(message)
        }
    }

    @Test("an empty file is an empty configuration")
    func empty() throws {
        #expect(try ConfigFile.parse("", path: "drydock.yaml").entries.isEmpty)
        #expect(try ConfigFile.parse("# only a comment\n", path: "drydock.yaml").entries.isEmpty)
    }

    static func expand(
        _ arguments: [String], environment: [String: String] = [:], files: [String: String] = [:]
    ) throws -> ArgumentDefaults.Expansion {
        let defaults = ArgumentDefaults(
            environment: environment, workingDirectory: "/work",
            readFile: { path in
                guard let text = files[path] else { throw CocoaError(.fileReadNoSuchFile) }
                return text
            })
        return try defaults.expand(arguments, root: DrydockCommand.self)
    }

    @Test("precedence: flag over environment over config file over default")
    func precedence() throws {
        let files = ["/work/trivy.yaml": "severity: [LOW]\nexit-code: 3\nscan:\n  skip-dirs: [a, b]\n"]
        let fromFile = try Self.expand(["image", "--input", "x.tar"], files: files)
        #expect(fromFile.arguments.contains("--severity"))
        #expect(fromFile.arguments.containsSequence(["--severity", "LOW"]))
        #expect(fromFile.arguments.containsSequence(["--skip-dirs", "a", "--skip-dirs", "b"]))
        #expect(fromFile.arguments.containsSequence(["--exit-code", "3"]))
        let fromEnvironment = try Self.expand(
            ["image", "--input", "x.tar"], environment: ["TRIVY_SEVERITY": "HIGH,CRITICAL"], files: files)
        #expect(fromEnvironment.arguments.containsSequence(["--severity", "HIGH,CRITICAL"]))
        #expect(!fromEnvironment.arguments.contains("LOW"))
        let drydockWins = try Self.expand(
            ["image", "--input", "x.tar"],
            environment: ["TRIVY_SEVERITY": "HIGH", "DRYDOCK_SEVERITY": "MEDIUM"], files: files)
        #expect(drydockWins.arguments.containsSequence(["--severity", "MEDIUM"]))
        let fromFlag = try Self.expand(
            ["image", "--input", "x.tar", "-s", "CRITICAL"], environment: ["TRIVY_SEVERITY": "HIGH"], files: files)
        #expect(fromFlag.arguments.filter { $0 == "--severity" || $0 == "-s" }.count == 1)
        #expect(fromFlag.arguments.containsSequence(["-s", "CRITICAL"]))
    }

    @Test("drydock.yaml is preferred to trivy.yaml; --config names another file, which must exist")
    func configFileChoice() throws {
        let files = [
            "/work/trivy.yaml": "exit-code: 3\n", "/work/drydock.yaml": "exit-code: 7\n", "/c.yaml": "exit-code: 9\n",
        ]
        #expect(try Self.expand(["fs", "."], files: files).arguments.containsSequence(["--exit-code", "7"]))
        #expect(
            try Self.expand(["fs", ".", "--config", "/c.yaml"], files: files).arguments.containsSequence([
                "--exit-code", "9",
            ]))
        #expect(
            try Self.expand(["fs", "."], environment: ["TRIVY_CONFIG": "/c.yaml"], files: files).arguments
                .containsSequence(["--exit-code", "9"]))
        #expect {
            try Self.expand(["fs", ".", "-c", "/missing.yaml"], files: files)
        } throws: { error in
            (error as? CommandFailure)?.status == .usage
                && String(describing: error).contains("cannot read config file /missing.yaml")
        }
    }

    @Test("a key Trivy has only in trivy.yaml (license.forbidden) sets Drydock's flag of the same name")
    func configOnlyKeys() throws {
        let files = ["/work/trivy.yaml": "license:\n  forbidden: [MIT, BSD-3-Clause]\n  full: true\n"]
        let expanded = try Self.expand(["fs", "."], files: files)
        #expect(
            expanded.arguments.containsSequence(["--license-forbidden", "MIT", "--license-forbidden", "BSD-3-Clause"]))
        #expect(expanded.arguments.contains("--license-full"))
        #expect(expanded.warnings.isEmpty, "\(expanded.warnings)")
    }

    @Test("booleans: true sets a flag, false and empty values set nothing; --flag=false on the command line wins")
    func booleans() throws {
        let files = ["/work/trivy.yaml": "vulnerability:\n  ignore-unfixed: true\ncacert: \"\"\n"]
        let expanded = try Self.expand(["fs", "."], files: files)
        #expect(expanded.arguments.contains("--ignore-unfixed"))
        #expect(!expanded.arguments.contains("--cacert"))
        let off = try Self.expand(["fs", ".", "--ignore-unfixed=false"], files: files)
        #expect(!off.arguments.contains("--ignore-unfixed"))
        #expect(!off.arguments.contains("--ignore-unfixed=false"))
        let on = try Self.expand(["fs", ".", "--ignore-unfixed=true"])
        #expect(on.arguments.contains("--ignore-unfixed"))
    }

    @Test("unknown keys warn with file and line; keys of unsupported Trivy flags are summed up once")
    func warnings() throws {
        let files = [
            "/work/trivy.yaml": """
            severity: HIGH
            severty: LOW
            module:
              dir: /opt/modules
            cache:
              redis:
                tls: false
            """
        ]
        let expanded = try Self.expand(["fs", "."], files: files)
        #expect(
            expanded.warnings == [
                "trivy.yaml:2: unknown key 'severty'; ignored",
                "trivy.yaml: Drydock does not support, and ignored: module.dir (line 4) (see docs/migrating-from-trivy.md)",
            ])
    }

    @Test("a trivy-db repository is never used as Drydock's DB repository")
    func trivyDatabase() throws {
        let files = ["/work/trivy.yaml": "db:\n  repository:\n    - mirror.gcr.io/aquasec/trivy-db:2\n"]
        let expanded = try Self.expand(["image", "--input", "x.tar"], files: files)
        #expect(!expanded.arguments.contains("--db-repository"))
        #expect(
            expanded.warnings.first?.hasPrefix("trivy.yaml:2: 'db.repository' names mirror.gcr.io/aquasec/trivy-db:2")
                == true)
    }

    @Test("a Trivy flag Drydock does not take is refused with what to use instead")
    func unsupportedFlag() throws {
        #expect {
            try Self.expand(["image", "--input", "x.tar", "--ignore-policy", "p.rego"])
        } throws: { error in
            guard let failure = error as? CommandFailure else { return false }
            return failure.status == .usage
                && failure.message.hasPrefix("--ignore-policy (a Trivy flag) is not supported by Drydock: Rego")
        }
    }

    @Test("arguments after the command name keep their order; positional arguments stay last")
    func order() throws {
        let expanded = try Self.expand(["fs", "project"], environment: ["TRIVY_EXIT_CODE": "1"])
        #expect(expanded.arguments == ["fs", "--exit-code", "1", "project"])
    }
}

extension Array where Element: Equatable {
    /// Whether `sequence` occurs in order, contiguously.
    func containsSequence(_ sequence: [Element]) -> Bool {
        guard !sequence.isEmpty, sequence.count <= count else { return sequence.isEmpty }
        return (0...(count - sequence.count)).contains { Array(self[$0..<($0 + sequence.count)]) == sequence }
    }
}
