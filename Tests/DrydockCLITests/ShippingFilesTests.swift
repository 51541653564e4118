import DrydockTestSupport
import Foundation
import Testing
import Yams

/// The files users adopt Drydock through — the GitHub Action, the GitLab template, the pre-commit hooks, the
/// generic CI script, the Kubernetes manifests, the Dockerfile and the install script — checked the way their
/// consumers read them, and by Drydock's own misconfiguration scan.
@Suite struct ShippingFilesTests {
    static let root = PackagePaths.root

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func yaml(_ path: String) throws -> [String: Any] {
        try #require(try Yams.load(yaml: text(path)) as? [String: Any], "\(path) is not a YAML mapping")
    }

    @Test("action.yml: a composite action whose inputs exist, reach scripts only through env, and pin by checksum")
    func actionStructure() throws {
        let action = try Self.yaml("action.yml")
        #expect(action["name"] is String)
        #expect(action["description"] is String)
        let inputs = try #require(action["inputs"] as? [String: [String: Any]])
        for (name, input) in inputs {
            #expect(input["description"] is String, "input \(name) has no description")
        }
        for required in ["version", "sha256", "scan-ref"] {
            #expect(inputs[required]?["required"] as? Bool == true, "\(required) must be required")
        }
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("actions/cache/save@") == true })
        let source = try Self.text("action.yml")
        // Every `inputs.X` the action reads is declared.
        let referenced = source.matches(of: /inputs\.([a-z0-9-]+)/).map { String($0.1) }
        for name in Set(referenced) { #expect(inputs[name] != nil, "action.yml reads undeclared input \(name)") }
        for step in steps {
            guard let script = step["run"] as? String else { continue }
            #expect(step["shell"] as? String == "bash", "a run step needs shell: bash")
            // Script injection: inputs go through env, never straight into the script text.
            #expect(!script.contains("${{"), "run step '\(step["name"] ?? "?")' expands an expression in its script")
        }
        #expect(source.contains("scripts/install.sh"))
        #expect(source.contains("--sha256"))
    }

    @Test("the command lines in the hooks, the GitLab template and the Action parse as drydock commands")
    func commandLinesParse() throws {
        let hooks = try #require(try Yams.load(yaml: Self.text(".pre-commit-hooks.yaml")) as? [[String: Any]])
        #expect(Set(hooks.compactMap { $0["id"] as? String }) == ["drydock-fs", "drydock-config"])
        var lines: [[String]] = []
        for hook in hooks {
            let entry = try #require(hook["entry"] as? String)
            lines.append(entry.split(separator: " ").map(String.init) + (hook["args"] as? [String] ?? []))
        }
        let template = try Self.yaml("contrib/ci/drydock.gitlab-ci.yml")
        let job = try #require(template["drydock_container_scanning"] as? [String: Any])
        let artifacts = try #require(job["artifacts"] as? [String: Any])
        #expect(
            (artifacts["reports"] as? [String: String])?["container_scanning"] == "gl-container-scanning-report.json")
        for line in job["script"] as? [String] ?? [] {
            for command in line.components(separatedBy: "; ") {
                let words = command.split(separator: " ").map { String($0).replacingOccurrences(of: "\"", with: "") }
                guard words.first == "drydock" else { continue }
                lines.append(Array(words.prefix { $0 != "||" }).map { $0.hasPrefix("$") ? "x" : $0 })
            }
        }
        #expect(lines.count >= 5)
        for words in lines {
            // `--help` is answered without running anything. `config PATH` runs its default subcommand, `scan`.
            let command = Array(words.dropFirst().prefix(1)) + (words.count > 1 && words[1] == "config" ? ["scan"] : [])
            let result = try CLI.run(command + ["--help"])
            #expect(result.status == 0, "\(words.joined(separator: " ")): \(result.stderr)")
            let flags = words.dropFirst(2).filter { $0.hasPrefix("--") }.map { $0.split(separator: "=")[0] }
            for flag in flags {
                #expect(result.output.contains(String(flag)), "\(words[1]) has no \(flag)")
            }
        }
    }

    @Test("yamllint and shellcheck pass on the shipped YAML and scripts")
    func linters() throws {
        let yaml = [
            "action.yml", ".pre-commit-hooks.yaml", "contrib/ci/drydock.gitlab-ci.yml", "deploy/kubernetes",
            "deploy/check-data.yaml",
        ]
        if ProcessRunner.which("yamllint") != nil {
            let result = try ProcessRunner.run(
                "yamllint", ["--strict", "-c", ".yamllint.yaml"] + yaml, directory: Self.root)
            #expect(result.status == 0, "\(result.output)\(result.stderr)")
        } else {
            print("yamllint: skipped — not installed (scripts/install-test-deps installs Debian's yamllint)")
        }
        if ProcessRunner.which("shellcheck") != nil {
            let scripts = ["scripts/install.sh", "scripts/release", "contrib/ci/jenkins.sh"]
            let result = try ProcessRunner.run("shellcheck", scripts, directory: Self.root)
            #expect(result.status == 0, "\(result.output)\(result.stderr)")
        } else {
            print("shellcheck: skipped — not installed (scripts/install-test-deps installs Debian's shellcheck)")
        }
    }

    @Test("Drydock's own misconfiguration scan passes its Kubernetes manifests and Dockerfile")
    func ownMisconfigurationScan() throws {
        for path in ["deploy/kubernetes", "deploy/Dockerfile"] {
            let result = try CLI.run([
                "config", "--format", "json", "--exit-code", "1", "--config-data",
                Self.root.appendingPathComponent("deploy/check-data.yaml").path,
                Self.root.appendingPathComponent(path).path,
            ])
            let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
            let results = report["Results"] as? [[String: Any]] ?? []
            let failures = results.flatMap { result in
                (result["Misconfigurations"] as? [[String: Any]] ?? []).filter { $0["Status"] as? String == "FAIL" }
                    .map { "\(result["Target"] ?? "?"): \($0["ID"] ?? "?") \($0["Title"] ?? "")" }
            }
            #expect(failures.isEmpty, "\(path): \(failures.joined(separator: "; "))")
            #expect(result.status == 0, "\(path): exit \(result.status) \(result.stderr)")
            #expect(!results.isEmpty, "\(path): nothing was scanned")
        }
    }

    @Test("kubectl kustomize builds the manifests into every object the deployment needs")
    func kustomizeBuilds() throws {
        guard ProcessRunner.which("kubectl") != nil else {
            print("kustomize: skipped — kubectl is not installed (`kubectl apply --dry-run` needs a cluster anyway)")
            return
        }
        let result = try ProcessRunner.run("kubectl", ["kustomize", "deploy/kubernetes"], directory: Self.root)
        #expect(result.status == 0, "\(result.stderr)")
        let kinds = try Yams.load_all(yaml: result.output).compactMap { ($0 as? [String: Any])?["kind"] as? String }
        for kind in [
            "Namespace", "ServiceAccount", "Secret", "PersistentVolumeClaim", "Deployment", "Service", "CronJob",
            "NetworkPolicy", "ValidatingWebhookConfiguration",
        ] {
            #expect(kinds.contains(kind), "no \(kind) in the kustomize output")
        }
    }

    @Test("install.sh installs a release archive whose checksum matches, and refuses one that does not")
    func installScript() throws {
        let work = try PackagePaths.temporaryDirectory("install")
        let stage = work.appendingPathComponent("stage")
        try FileManager.default.createDirectory(
            at: stage.appendingPathComponent("completions"), withIntermediateDirectories: true)
        try "#!/bin/sh\necho 'Version: 9.9.9'\n".write(
            to: stage.appendingPathComponent("drydock"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: stage.appendingPathComponent("drydock").path)
        try "complete -F _drydock drydock\n".write(
            to: stage.appendingPathComponent("completions/drydock.bash"), atomically: true, encoding: .utf8)
        let archive = work.appendingPathComponent("drydock-9.9.9-linux-x86_64.tar.gz").path
        let packed = try ProcessRunner.run("tar", ["-czf", archive, "-C", stage.path, "."])
        try #require(packed.status == 0, "\(packed.stderr)")
        let digest = try ProcessRunner.run("sha256sum", [archive]).output.split(separator: " ")[0]
        try "\(digest)  drydock-9.9.9-linux-x86_64.tar.gz\n".write(
            to: work.appendingPathComponent("drydock-9.9.9-checksums.txt"), atomically: true, encoding: .utf8)
        let script = Self.root.appendingPathComponent("scripts/install.sh").path

        let prefix = work.appendingPathComponent("prefix").path
        let installed = try ProcessRunner.run("bash", [script, "--from", archive, "--prefix", prefix])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.output.contains("Version: 9.9.9"))
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/drydock"))
        #expect(FileManager.default.fileExists(atPath: prefix + "/share/bash-completion/completions/drydock"))

        let other = work.appendingPathComponent("other").path
        let wrong = String(repeating: "0", count: 64)
        let refused = try ProcessRunner.run("bash", [script, "--from", archive, "--sha256", wrong, "--prefix", other])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("checksum mismatch"))
        #expect(!FileManager.default.fileExists(atPath: other + "/bin/drydock"))

        let usage = try ProcessRunner.run("bash", [script, "--bogus"])
        #expect(usage.status == 2)
    }

    @Test("--version and `version --format json` report the release, the commit and the DB schema")
    func versionReport() throws {
        let cache = try PackagePaths.temporaryDirectory("version-cache")
        for spelling in [["--version"], ["-v"], ["version"]] {
            let result = try CLI.run(spelling + ["--cache-dir", cache.path])
            #expect(result.status == 0, "\(spelling): \(result.stderr)")
            #expect(result.output.hasPrefix("Version: "))
            #expect(result.output.contains("Commit: "))
            #expect(result.output.contains("Schema read: "))
            #expect(result.output.contains("Not downloaded yet"))
        }
        let json = try CLI.run(["version", "--format", "json", "--cache-dir", cache.path])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(object["Version"] is String)
        #expect((object["VulnerabilityDB"] as? [String: Any])?["SchemaRead"] is Int)
        #expect(try CLI.run(["version", "--format", "xml"]).status == 2)
    }

    @Test("completion scripts for bash, zsh and fish; an unknown shell is a usage error")
    func completions() throws {
        for (shell, marker) in [("bash", "complete"), ("zsh", "#compdef"), ("fish", "complete -c 'drydock'")] {
            let result = try CLI.run(["completion", shell])
            #expect(result.status == 0, "\(shell): \(result.stderr)")
            #expect(result.output.contains(marker), "\(shell) script lacks \(marker)")
            #expect(result.output.contains("image"))
        }
        #expect(try CLI.run(["completion", "powershell"]).status == 2)
    }
}
