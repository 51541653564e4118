import DrydockTestSupport
import Foundation
import Testing

/// `drydock config` end to end: no DB, Trivy's JSON shape, exit codes, custom checks and `config test`.
@Suite struct ConfigCommandTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let root = try PackagePaths.temporaryDirectory("config")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext: {privileged: true}

        """

    @Test func scansAFolderWithoutADatabaseAndWritesTrivyJSON() throws {
        let root = try Self.folder([
            "Dockerfile": "FROM alpine:3.20\nRUN apk add curl\n",
            "k8s/deploy.yml": Self.pod,
            "k8s/broken.yaml": "apiVersion: v1\nkind: Pod\nmetadata: [\n",
            "values.yaml": "replicas: 2\n",
        ])
        let cache = try PackagePaths.temporaryDirectory("config-cache")
        var environment = LayerCacheIsolation.isolated(ProcessInfo.processInfo.environment)
        environment["XDG_CACHE_HOME"] = cache.path
        environment["NO_COLOR"] = "1"
        let result = try ProcessRunner.run(
            PackagePaths.drydock, ["config", root.path, "--format", "json", "--quiet"], input: nil,
            environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("drydock/db").path))
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let results = try #require(report["Results"] as? [[String: Any]])
        #expect(results.map { $0["Target"] as? String } == ["Dockerfile", "k8s/deploy.yml"])
        let dockerfile = results[0]
        #expect(dockerfile["Class"] as? String == "config")
        #expect(dockerfile["Type"] as? String == "dockerfile")
        let summary = try #require(dockerfile["MisconfSummary"] as? [String: Any])
        #expect((summary["Failures"] as? Int ?? 0) >= 3)
        let misconfigurations = try #require(dockerfile["Misconfigurations"] as? [[String: Any]])
        let apk = try #require(misconfigurations.first { $0["ID"] as? String == "DS-0025" })
        #expect(apk["AVDID"] as? String == "AVD-DS-0025")
        #expect(apk["Status"] as? String == "FAIL")
        #expect(apk["Type"] as? String == "Dockerfile Security Check")
        let cause = try #require(apk["CauseMetadata"] as? [String: Any])
        #expect(cause["StartLine"] as? Int == 2)
        #expect(cause["Provider"] as? String == "Dockerfile")
        let warnings = (report["Drydock"] as? [String: Any])?["Warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.hasPrefix("k8s/broken.yaml:") })
    }

    /// Trivy's integration test `dockerfile` (testdata/fixtures/repo/dockerfile and dockerfile.json.golden): the
    /// same Dockerfile gives the same result row and the same fields, Drydock's own prose and added fields aside.
    @Test func matchesTrivysDockerfileGolden() throws {
        let root = try Self.folder(["Dockerfile": "FROM alpine:3.13\n\nHEALTHCHECK NONE"])
        let result = try CLI.run(["config", root.path, "--format", "json", "--quiet"])
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(report["SchemaVersion"] as? Int == 2)
        let results = try #require(report["Results"] as? [[String: Any]])
        #expect(results.count == 1)
        let row = try #require(results.first)
        #expect(row["Target"] as? String == "Dockerfile")
        #expect(row["Class"] as? String == "config")
        #expect(row["Type"] as? String == "dockerfile")
        let summary = try #require(row["MisconfSummary"] as? [String: Any])
        #expect(summary["Failures"] as? Int == 1)
        // Trivy counts 26 successes over its 27 current Dockerfile checks; Drydock adds DRY-DS-0001.
        #expect(summary["Successes"] as? Int == 27)
        let misconfigurations = try #require(row["Misconfigurations"] as? [[String: Any]])
        #expect(misconfigurations.count == 1)
        let finding = try #require(misconfigurations.first)
        let golden: [String: String] = [
            "Type": "Dockerfile Security Check", "ID": "DS-0002", "Title": "Image user should not be 'root'",
            "Message": "Specify at least 1 USER command in Dockerfile with non-root user as argument",
            "Namespace": "builtin.dockerfile.DS002", "Query": "data.builtin.dockerfile.DS002.deny",
            "Severity": "HIGH", "PrimaryURL": "https://avd.aquasec.com/misconfig/ds-0002", "Status": "FAIL",
        ]
        for (key, value) in golden { #expect(finding[key] as? String == value, "\(key)") }
        #expect(
            finding["References"] as? [String] == [
                "https://docs.docker.com/develop/develop-images/dockerfile_best-practices/",
                "https://avd.aquasec.com/misconfig/ds-0002",
            ])
        let cause = try #require(finding["CauseMetadata"] as? [String: Any])
        #expect(cause as NSDictionary == ["Provider": "Dockerfile", "Service": "general"] as NSDictionary)
        // Trivy's golden has these and nothing else, besides Description and Resolution (Drydock's own words).
        let trivyKeys: Set<String> = Set(golden.keys).union([
            "Description", "Resolution", "References", "CauseMetadata",
        ])
        let added = Set(finding.keys).subtracting(trivyKeys)
        #expect(added == ["AVDID", "Aliases", "Decision"], "Drydock's additions only")
    }

    /// Trivy's `dockerfile_file_pattern` integration test: `--file-patterns dockerfile:Customfile` reads a file
    /// whose name says nothing; `--misconfig-scanners` chooses the kinds of file checked.
    @Test func filePatternsAndMisconfigScanners() throws {
        let root = try Self.folder([
            "Customfile": "FROM alpine:3.13\n\nHEALTHCHECK NONE",
            "deploy/app.k8s": Self.pod,
            "k8s/pod.yaml": Self.pod,
        ])
        func targets(_ extra: [String]) throws -> [String] {
            let result = try CLI.run(["config", root.path, "--format", "json", "--quiet"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            return (report["Results"] as? [[String: Any]] ?? []).compactMap { $0["Target"] as? String }
        }
        #expect(try targets([]) == ["k8s/pod.yaml"])
        #expect(
            try targets(["--file-patterns", "dockerfile:Customfile,kubernetes:\\.k8s$"]).sorted() == [
                "Customfile", "deploy/app.k8s", "k8s/pod.yaml",
            ])
        #expect(
            try targets(["--file-patterns", "dockerfile:Customfile", "--misconfig-scanners", "dockerfile"]) == [
                "Customfile"
            ])
        let unread = try CLI.run(["config", root.path, "--misconfig-scanners", "terraform", "--format", "json"])
        #expect(unread.status == 0)
        #expect(unread.stderr.contains("Drydock does not read terraform files yet"))
        let bad = try CLI.run(["config", root.path, "--file-patterns", "pip:requirements.*"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not 'pip'"))
        let unknown = try CLI.run(["config", root.path, "--misconfig-scanners", "dockerfiles"])
        #expect(unknown.status == 2)
    }

    @Test func exitCodesFollowTheGate() throws {
        let root = try Self.folder(["pod.yaml": Self.pod, "bad/Dockerfile": "FROM alpine:3.20\nFORM x\n"])
        let gated = try CLI.run(["config", root.path, "--exit-code", "7", "--severity", "HIGH,CRITICAL", "--quiet"])
        #expect(gated.status == 7)
        let low = try CLI.run([
            "config", root.appendingPathComponent("pod.yaml").path, "--severity", "CRITICAL", "--exit-code", "7",
            "--quiet",
        ])
        #expect(low.status == 0, "KSV-0017 is HIGH; only CRITICAL fails the gate")
        // Flags from the environment (and the config file) reach `config`'s default subcommand too.
        var environment = LayerCacheIsolation.isolated(ProcessInfo.processInfo.environment)
        environment["DRYDOCK_SEVERITY"] = "CRITICAL"
        let fromEnvironment = try ProcessRunner.run(
            PackagePaths.drydock, ["config", root.appendingPathComponent("pod.yaml").path, "--exit-code", "7", "-q"],
            environment: environment)
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        let uncovered = try CLI.run([
            "config", root.appendingPathComponent("bad").path, "--fail-on-uncovered", "--quiet",
        ])
        #expect(uncovered.status == 1)
        let covered = try CLI.run(["config", root.appendingPathComponent("bad").path, "--quiet"])
        #expect(covered.status == 0)
    }

    @Test func helmOutputFromStandardInputAndInlineIgnores() throws {
        let rendered = """
            ---
            # Source: web/templates/pod.yaml
            # trivy:ignore:KSV-0017
            \(Self.pod)
            """
        let result = try CLI.run(["config", "-", "--format", "json"], input: Data(rendered.utf8))
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let results = try #require(report["Results"] as? [[String: Any]])
        #expect(results.first?["Target"] as? String == "web/templates/pod.yaml")
        #expect(results.first?["Type"] as? String == "helm")
        let ids = (results.first?["Misconfigurations"] as? [[String: Any]] ?? []).compactMap { $0["ID"] as? String }
        #expect(!ids.contains("KSV-0017"), "the inline comment ignores it")
        #expect(ids.contains("KSV-0014"))
    }

    @Test func customChecksAndConfigTest() throws {
        let root = try Self.folder([
            "checks/labels.yaml": """
            metadata: {id: ORG-001, name: Pods need a team label, severity: CRITICAL}
            definition: {cond_type: attribute, resource_types: [Pod], attribute: metadata.labels.team, operator: exists}
            tests:
              - {expect: fail, file: bad.yaml}
              - {expect: pass, input: "apiVersion: v1\\nkind: Pod\\nmetadata: {name: a, labels: {team: x}}\\nspec: {containers: []}\\n"}
            """,
            "checks/bad.yaml": Self.pod,
            "app/pod.yaml": Self.pod,
        ])
        // A folder of checks holds their example inputs too (checks/bad.yaml): those are not checks.
        let tested = try CLI.run(["config", "test", root.appendingPathComponent("checks").path])
        #expect(tested.status == 0, "\(String(decoding: tested.stdout, as: UTF8.self))")
        #expect(String(decoding: tested.stdout, as: UTF8.self).hasSuffix("2 passed, 0 failed\n"))
        let scanned = try CLI.run([
            "config", root.appendingPathComponent("app").path, "--config-check",
            root.appendingPathComponent("checks").path, "--severity", "CRITICAL", "--exit-code", "7",
            "--format", "json", "--quiet",
        ])
        #expect(scanned.status == 7)
        let text = String(decoding: scanned.stdout, as: UTF8.self)
        #expect(text.contains("\"ORG-001\""))
        let malformed = try Self.folder(["c.yaml": "metadata: {id: X}\ndefinition: {attribute: a, operator: nope}\n"])
        let refused = try CLI.run(["config", "test", malformed.appendingPathComponent("c.yaml").path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("c.yaml:2"))
    }
}

/// `image --scanners misconfig`: files in the layers and the image configuration, without a DB.
@Suite struct ImageMisconfigurationTests {
    @Test func imageFilesAndHistoryAreCheckedWithoutADatabase() throws {
        let archive = try ImageFixtures.dockerArchive(
            layers: [
                ["etc/alpine-release": .file("3.20.0\n")],
                [
                    "app/deploy/pod.yaml": .file(ConfigCommandTests.pod),
                    "app/Dockerfile": .file("FROM alpine:3.20\nUSER app\n"),
                ],
            ],
            config: ImageFixtures.ConfigSpec(createdBy: [
                "/bin/sh -c #(nop) ADD file:abc in / ", "/bin/sh -c apk add curl && sudo true",
            ]))
        let cache = try PackagePaths.temporaryDirectory("image-misconfig-cache")
        var environment = LayerCacheIsolation.isolated(ProcessInfo.processInfo.environment)
        environment["XDG_CACHE_HOME"] = cache.path
        let result = try ProcessRunner.run(
            PackagePaths.drydock,
            ["image", "--input", archive.path, "--scanners", "misconfig", "--format", "json", "--quiet", "--no-cache"],
            input: nil, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("drydock/db").path))
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let results = try #require(report["Results"] as? [[String: Any]])
        let targets = results.compactMap { $0["Target"] as? String }
        #expect(targets == [archive.path, "app/Dockerfile", "app/deploy/pod.yaml"])
        let history = (results[0]["Misconfigurations"] as? [[String: Any]] ?? []).compactMap { $0["ID"] as? String }
        #expect(history.contains("DS-0010"), "sudo in the history's RUN")
        #expect(history.contains("DS-0025"))
        let pod = (results[2]["Misconfigurations"] as? [[String: Any]] ?? [])
        let privileged = try #require(pod.first { $0["ID"] as? String == "KSV-0017" })
        #expect((privileged["Layer"] as? [String: Any])?["DiffID"] as? String != nil)
    }
}
