import DrydockCatalog
import DrydockTestSupport
import Foundation
import GRDB
import Testing

@testable import DrydockCLI

/// Secret scanning end to end: images, directories, configuration, and that no secret is ever written in clear.
@Suite("Secret scanning from the CLI")
struct SecretScanTests {
    // Random fake credentials, spelled in pieces so this file holds no token a scanner would report.
    static let awsKey = "AKIA" + "J5RZ8TWQ2XMB7NLC"
    static let githubPAT = "ghp_" + "r5TZ8qw2XMb7NLcK9pD3sA1fG6hJ0kL5zXc2"
    static let slackToken = "xoxb-" + "1234567890-qwErTyUiOp"
    static let clearSecrets = [awsKey, githubPAT, slackToken]

    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
    }

    /// Alpine base; a layer adding `/srv/app/.env` with two secrets; a layer deleting it. The config's
    /// environment holds a third.
    static func image() throws -> (URL, [String]) {
        var spec = RegistryFixtures.alpine(muslVersion: "1.2.4-r2")
        spec.layers = [
            spec.layers[0],
            ["srv/app/.env": .file("# app\nAWS_ACCESS_KEY_ID=\(awsKey)\nGITHUB_TOKEN=\(githubPAT)\n")],
            ["srv/app/.env": .whiteout, "srv/app/readme.txt": .file("nothing to see\n")],
        ]
        spec.config = ImageFixtures.ConfigSpec(
            createdBy: ["ADD rootfs /", "COPY .env /srv/app/", "RUN rm /srv/app/.env"],
            env: ["PATH=/usr/bin:/bin", "SLACK_TOKEN=\(slackToken)"])
        spec.tags = ["test/secrets:1.0"]
        let url = try ImageFixtures.dockerArchive(images: [spec], gzipLayers: true)
        let diffIDs = try Self.diffIDs(url)
        return (url, diffIDs)
    }

    static func diffIDs(_ archive: URL) throws -> [String] {
        let result = try CLI.run(["image", "--input", archive.path, "--scanners", "secret", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let metadata = report["Metadata"] as? [String: Any] ?? [:]
        return metadata["DiffIDs"] as? [String] ?? []
    }

    static func secretResults(_ data: Data) throws -> [[String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (report["Results"] as? [[String: Any]] ?? []).filter { $0["Class"] as? String == "secret" }
    }

    @Test("a secret deleted in a later layer is reported with the layer that holds it; the config is scanned")
    func deletedLayer() throws {
        let (archive, diffIDs) = try Self.image()
        let cache = try PackagePaths.temporaryDirectory("secret-cache")
        let result = try CLI.run([
            "image", "--input", archive.path, "--scanners", "secret", "--format", "json", "--cache-dir", cache.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let secrets = try Self.secretResults(result.stdout)
        #expect(secrets.map { $0["Target"] as? String } == ["/srv/app/.env", "config.json"])
        let file = try #require(secrets.first?["Secrets"] as? [[String: Any]])
        #expect(file.map { $0["RuleID"] as? String } == ["aws-access-key-id", "github-pat"])
        let layer = try #require(file.first?["Layer"] as? [String: Any])
        #expect(layer["DiffID"] as? String == diffIDs[1])
        #expect(layer["CreatedBy"] as? String == "COPY .env /srv/app/")
        #expect(file.first?["StartLine"] as? Int == 2)
        #expect(file.first?["Match"] as? String == "AWS_ACCESS_KEY_ID=" + String(repeating: "*", count: 20))
        let config = try #require(secrets.last?["Secrets"] as? [[String: Any]])
        #expect(config.map { $0["RuleID"] as? String } == ["slack-access-token"])
        #expect(config.first?["Layer"] == nil)
        // Without a vulnerability DB: `--scanners secret` needs none.
        #expect(!result.stderr.contains("no vulnerability DB"))
    }

    @Test("no output format, report file, message or cache entry holds a secret in clear")
    func neverInClear() throws {
        let database = try Self.database.get()
        let (archive, _) = try Self.image()
        let htmlTemplate = "@" + PackagePaths.root.appendingPathComponent("contrib/html.mustache").path
        for format in OutputFormat.allCases {
            let cache = try PackagePaths.temporaryDirectory("secret-leak")
            let output = cache.appendingPathComponent("report.\(format)")
            let template = format == .report(.template) ? ["--template", htmlTemplate] : []
            for extra in [["--output", output.path], []] {
                let result = try CLI.run(
                    [
                        "image", "--input", archive.path, "--db", database, "--format", format.description,
                        "--cache-dir", cache.path, "--debug", "--exit-code", "9", "--severity", "HIGH,CRITICAL",
                        // Named, so SBOM formats scan for secrets too (without it they only list packages).
                        "--scanners", "vuln,secret",
                    ] + template + extra)
                #expect(result.status == 9, "\(format): \(result.stderr)")
                var texts = [result.output, result.stderr]
                if !extra.isEmpty { texts.append(try String(contentsOf: output, encoding: .utf8)) }
                // SBOMs list components, GitLab's container-scanning report and OpenVEX vulnerabilities, as
                // Trivy's do; every other format shows the secret.
                if case .report(let chosen) = format, chosen != .gitlab, chosen != .openvex {
                    #expect(texts.joined().contains("aws-access-key-id"), "\(format) reports the secret")
                }
                for text in texts {
                    for secret in Self.clearSecrets { #expect(!text.contains(secret), "\(format) shows \(secret)") }
                }
            }
            let cached = try Self.cachedAnalyses(cache)
            #expect(cached.contains { $0.contains("aws-access-key-id") }, "secret findings are cached")
            for text in cached {
                for secret in Self.clearSecrets { #expect(!text.contains(secret), "the cache holds \(secret)") }
            }
        }
    }

    /// Every layer analysis in the cache directory's `layers.db`, decoded back to JSON text.
    static func cachedAnalyses(_ cache: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: cache.appendingPathComponent("layers.db").path)
        let blobs = try queue.read { db in try Data.fetchAll(db, sql: "SELECT analysis FROM layers") }
        return try blobs.map { blob in
            let analysis = try LayerAnalysisCodec.decode(Array(blob))
            return String(decoding: try JSONEncoder().encode(analysis), as: UTF8.self)
        }
    }

    @Test("layers are cached with their secrets; another configuration is another cache key")
    func cached() throws {
        let (archive, _) = try Self.image()
        let cache = try PackagePaths.temporaryDirectory("secret-cache-key")
        let arguments = [
            "image", "--input", archive.path, "--scanners", "secret", "--format", "json", "--cache-dir", cache.path,
            "--debug",
        ]
        let first = try CLI.run(arguments)
        let second = try CLI.run(arguments)
        #expect(second.stderr.contains("cached: skipped"))
        #expect(try Self.secretResults(second.stdout).count == Self.secretResults(first.stdout).count)
        let config = cache.appendingPathComponent("trivy-secret.yaml")
        try "disable-rules: [github-pat]\n".write(to: config, atomically: true, encoding: .utf8)
        let third = try CLI.run(arguments + ["--secret-config", config.path])
        #expect(!third.stderr.contains("cached: skipped"))
        let rules = try Self.secretResults(third.stdout).flatMap { $0["Secrets"] as? [[String: Any]] ?? [] }
        #expect(!rules.contains { $0["RuleID"] as? String == "github-pat" })
    }

    @Test("a malformed --secret-config is a usage error naming the file and line")
    func malformedConfig() throws {
        let directory = try PackagePaths.temporaryDirectory("secret-config")
        let config = directory.appendingPathComponent("secrets.yaml")
        try "rules:\n  - id: mine\n    regex: x\n    severity: urgent\n".write(
            to: config, atomically: true, encoding: .utf8)
        let result = try CLI.run(["fs", directory.path, "--scanners", "secret", "--secret-config", config.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(config.path):4:"), "\(result.stderr)")
        let missing = try CLI.run([
            "fs", directory.path, "--scanners", "secret", "--secret-config", "/nonexistent.yaml",
        ])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent.yaml"))
    }

    @Test("fs: relative targets, the configuration file itself is not scanned, custom rules apply")
    func filesystem() throws {
        let directory = try PackagePaths.temporaryDirectory("secret-fs")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("deploy"), withIntermediateDirectories: true)
        try "#!/bin/sh\n\nexport AWS_ACCESS_KEY_ID=\(Self.awsKey)\n\necho mysecret\n".write(
            to: directory.appendingPathComponent("deploy/deploy.sh"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("trivy-secret.yaml")
        try
            "rules:\n  - id: mysecret\n    category: Custom\n    title: My Secret\n    severity: HIGH\n    regex: mysecret\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let result = try CLI.run([
            "fs", directory.path, "--scanners", "secret", "--secret-config", config.path, "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let secrets = try Self.secretResults(result.stdout)
        #expect(secrets.map { $0["Target"] as? String } == ["deploy/deploy.sh"])
        let ids = (secrets.first?["Secrets"] as? [[String: Any]] ?? []).map { $0["RuleID"] as? String }
        #expect(ids == ["aws-access-key-id", "mysecret"])
        let table = try CLI.run(["fs", directory.path, "--scanners", "secret", "--secret-config", config.path])
        #expect(table.output.contains("deploy/deploy.sh (secrets)"))
        #expect(table.output.contains("CRITICAL: AWS (aws-access-key-id)"))
        #expect(!table.output.contains(Self.awsKey))
        let vulnOnly = try CLI.run(
            ["fs", directory.path, "--scanners", "vulnerability", "--format", "json"] + [
                "--db", try Self.database.get(),
            ])
        #expect(try Self.secretResults(vulnOnly.stdout).isEmpty)
    }
}
