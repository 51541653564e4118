import DrydockTestSupport
import Foundation
import Testing

/// `drydock image REF` against real docker-registry instances on loopback (scripts/registry/start),
/// with images pushed by skopeo. Fails — never skips — when the registries cannot be started.
@Suite(.serialized) struct RegistryScanTests {
    /// Everything the tests push, built and pushed once.
    struct Setup: Sendable {
        var servers: RegistryServers
        var database: String
        var singleDigest: String
    }

    nonisolated(unsafe) static var prepared: Result<Setup, any Error>?
    static let lock = NSLock()

    static func setup() throws -> Setup {
        lock.lock()
        defer { lock.unlock() }
        if let prepared { return try prepared.get() }
        let result = Result { () throws -> Setup in
            let servers = try RegistryServers.shared()
            let database = try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
            // A vulnerable single-platform image, under several names (one per fault mode via the proxy).
            let single = try ImageFixtures.ociLayout(images: [RegistryFixtures.alpine(muslVersion: "1.2.4-r2")])
            for repository in ["app", "library/mirrored"] {
                try servers.push(layout: single, tag: "1.0", port: servers.plainPort, repository: repository)
            }
            try servers.push(
                layout: single, tag: "1.0", port: servers.tokenPort, repository: "private/app",
                credentials: servers.tokenCredentials)
            // A multi-platform index: amd64 vulnerable, arm64 fixed.
            let multi = try RegistryFixtures.multiPlatformLayout(
                [
                    RegistryFixtures.alpine(muslVersion: "1.2.4-r2", architecture: "amd64", tag: "amd"),
                    RegistryFixtures.alpine(muslVersion: "1.2.4-r3", architecture: "arm64", tag: "arm"),
                ], tag: "multi")
            try servers.push(layout: multi, tag: "multi", port: servers.plainPort, repository: "app")
            let inspect = try ProcessRunner.run(
                ProcessRunner.which("skopeo") ?? "/usr/bin/skopeo",
                [
                    "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                    "docker://127.0.0.1:\(servers.plainPort)/app:1.0",
                ])
            let digest = inspect.output.trimmingCharacters(in: .whitespacesAndNewlines)
            guard inspect.status == 0, digest.hasPrefix("sha256:") else {
                throw RegistryServerError(description: "skopeo inspect failed: \(inspect.stderr)")
            }
            return Setup(servers: servers, database: database, singleDigest: digest)
        }
        prepared = result
        return try result.get()
    }

    static func scan(
        _ reference: String, _ extra: [String] = [], environment: [String: String] = [:], input: Data? = nil
    )
        throws -> (ProcessRunner.Result, [String: Any])
    {
        let setup = try setup()
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["DOCKER_CONFIG"] = "/nonexistent-docker-config"  // never the host's own credentials
        env["XDG_CONFIG_HOME"] = "/nonexistent-xdg"
        env = LayerCacheIsolation.isolated(env)
        for (key, value) in environment { env[key] = value }
        let result = try ProcessRunner.run(
            PackagePaths.drydock, ["image", reference, "--db", setup.database, "--format", "json"] + extra,
            input: input,
            environment: env)
        let object = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result, object)
    }

    static func vulnerabilityIDs(_ report: [String: Any]) -> [String] {
        CLI.findingRows(report).map { $0[2] }
    }

    @Test func pullsByTagAndNamesReferenceAndDigest() throws {
        let setup = try Self.setup()
        let reference = "127.0.0.1:\(setup.servers.plainPort)/app:1.0"
        let (result, report) = try Self.scan(reference)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report["ArtifactName"] as? String == reference)
        #expect(Self.vulnerabilityIDs(report) == ["CVE-2099-0001"])
        let metadata = report["Metadata"] as? [String: Any] ?? [:]
        #expect(
            metadata["RepoDigests"] as? [String] == ["127.0.0.1:\(setup.servers.plainPort)/app@\(setup.singleDigest)"])
        #expect(metadata["RepoTags"] as? [String] == [reference])
    }

    @Test func pullsByDigestAndTableNamesTheDigest() throws {
        let setup = try Self.setup()
        let reference = "127.0.0.1:\(setup.servers.plainPort)/app@\(setup.singleDigest)"
        let (json, report) = try Self.scan(reference)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(Self.vulnerabilityIDs(report) == ["CVE-2099-0001"])
        let (table, _) = try Self.scan(reference, ["--format", "table"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.output.contains("Image: \(reference)"))
        #expect(table.output.contains("digest \(setup.singleDigest)"))
        #expect(table.output.contains("CVE-2099-0001"))
    }

    @Test func selectsThePlatformOfAnIndex() throws {
        let setup = try Self.setup()
        let reference = "127.0.0.1:\(setup.servers.plainPort)/app:multi"
        let (amd, amdReport) = try Self.scan(reference, ["--platform", "linux/amd64"])
        #expect(amd.status == 0, "\(amd.stderr)")
        #expect(Self.vulnerabilityIDs(amdReport) == ["CVE-2099-0001"])
        let (arm, armReport) = try Self.scan(reference, ["--platform", "linux/arm64"])
        #expect(arm.status == 0, "\(arm.stderr)")
        #expect(Self.vulnerabilityIDs(armReport).isEmpty)
        #expect((armReport["Metadata"] as? [String: Any])?["OS"] != nil)
        let (missing, _) = try Self.scan(reference, ["--platform", "linux/s390x"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("available: linux/amd64, linux/arm64"), "\(missing.stderr)")
    }

    @Test func platformAllWritesOneReportPerPlatform() throws {
        let setup = try Self.setup()
        let directory = try PackagePaths.temporaryDirectory("platform-all")
        let output = directory.appendingPathComponent("report.json").path
        let (result, _) = try Self.scan(
            "127.0.0.1:\(setup.servers.plainPort)/app:multi", ["--platform", "all", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["report.linux-amd64.json", "report.linux-arm64.json"])
        let amd =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: directory.appendingPathComponent("report.linux-amd64.json"))) as? [String: Any]
            ?? [:]
        #expect(Self.vulnerabilityIDs(amd) == ["CVE-2099-0001"])
        let (table, _) = try Self.scan(
            "127.0.0.1:\(setup.servers.plainPort)/app:multi", ["--platform", "all", "--format", "table"])
        #expect(table.output.contains("Platform: linux/amd64"))
        #expect(table.output.contains("Platform: linux/arm64"))
    }

    @Test func tokenAuthNeedsCredentials() throws {
        let setup = try Self.setup()
        let reference = "127.0.0.1:\(setup.servers.tokenPort)/private/app:1.0"
        let (anonymous, _) = try Self.scan(reference)
        #expect(anonymous.status == 3)
        #expect(anonymous.stderr.contains("denied"), "\(anonymous.stderr)")
        let (wrong, _) = try Self.scan(reference, ["--username", "drydock", "--password", "nope"])
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("refused the credentials from the command line"), "\(wrong.stderr)")
        let credentials = setup.servers.tokenCredentials
        let (flags, report) = try Self.scan(
            reference, ["--username", credentials.user, "--password-stdin"],
            input: Data((credentials.password + "\n").utf8))
        #expect(flags.status == 0, "\(flags.stderr)")
        #expect(Self.vulnerabilityIDs(report) == ["CVE-2099-0001"])
    }

    @Test func credentialsFromDockerConfigAndHelpers() throws {
        let setup = try Self.setup()
        let credentials = setup.servers.tokenCredentials
        let host = "127.0.0.1:\(setup.servers.tokenPort)"
        let reference = "\(host)/private/app:1.0"
        // auths with base64 user:password
        let configDirectory = try PackagePaths.temporaryDirectory("docker-config")
        let auth = Data("\(credentials.user):\(credentials.password)".utf8).base64EncodedString()
        try Data(#"{"auths":{"\#(host)":{"auth":"\#(auth)"}}}"#.utf8).write(
            to: configDirectory.appendingPathComponent("config.json"))
        let (fromAuths, _) = try Self.scan(reference, environment: ["DOCKER_CONFIG": configDirectory.path])
        #expect(fromAuths.status == 0, "\(fromAuths.stderr)")
        // credHelpers with a helper on PATH
        let helperConfig = try PackagePaths.temporaryDirectory("docker-config-helper")
        try Data(#"{"credHelpers":{"\#(host)":"test"}}"#.utf8).write(
            to: helperConfig.appendingPathComponent("config.json"))
        let bin = try PackagePaths.temporaryDirectory("helper-bin")
        let helper = bin.appendingPathComponent("docker-credential-test")
        try Data(
            "#!/bin/sh\nread -r server\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"\(credentials.user)\",\"Secret\":\"\(credentials.password)\"}' \"$server\"\n"
                .utf8
        ).write(to: helper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper.path)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let (fromHelper, _) = try Self.scan(reference, environment: ["DOCKER_CONFIG": helperConfig.path, "PATH": path])
        #expect(fromHelper.status == 0, "\(fromHelper.stderr)")
    }

    @Test(arguments: ["close-mid-blob", "no-range", "flaky"])
    func recoversFromFaults(mode: String) throws {
        let setup = try Self.setup()
        let (result, report) = try Self.scan("127.0.0.1:\(setup.servers.faultPort)/\(mode)/app:1.0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.vulnerabilityIDs(report) == ["CVE-2099-0001"])
    }

    @Test func rejectsAWrongDigest() throws {
        let setup = try Self.setup()
        let (result, _) = try Self.scan("127.0.0.1:\(setup.servers.faultPort)/wrong-digest/app:1.0")
        #expect(result.status == 3)
        #expect(result.stderr.contains("hashes to"), "\(result.stderr)")
    }

    @Test func givesUpAfterBoundedRetries() throws {
        let setup = try Self.setup()
        let (result, _) = try Self.scan("127.0.0.1:\(setup.servers.faultPort)/always-500/app:1.0")
        #expect(result.status == 3)
        #expect(result.stderr.contains("HTTP 503"), "\(result.stderr)")
    }

    @Test func basicAuth() throws {
        let setup = try Self.setup()
        let reference = "127.0.0.1:\(setup.servers.faultPort)/basic/app:1.0"
        let (anonymous, _) = try Self.scan(reference)
        #expect(anonymous.status == 3)
        #expect(anonymous.stderr.contains("requires a user name and password"), "\(anonymous.stderr)")
        let credentials = setup.servers.basicCredentials
        let (ok, report) = try Self.scan(
            reference, ["--username", credentials.user, "--password", credentials.password])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(Self.vulnerabilityIDs(report) == ["CVE-2099-0001"])
    }

    @Test func dockerHubShortNameThroughAMirror() throws {
        let setup = try Self.setup()
        let directory = try PackagePaths.temporaryDirectory("registries")
        let config = directory.appendingPathComponent("registries.json")
        try Data(
            #"{"registries":{"docker.io":{"mirrors":["http://127.0.0.1:\#(setup.servers.plainPort)"],"fallback":false}}}"#
                .utf8
        )
        .write(to: config)
        let (result, report) = try Self.scan("mirrored:1.0", ["--registry-config", config.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report["ArtifactName"] as? String == "docker.io/library/mirrored:1.0")
        let digests = (report["Metadata"] as? [String: Any])?["RepoDigests"] as? [String] ?? []
        #expect(digests == ["docker.io/library/mirrored@\(setup.singleDigest)"])
    }

    @Test func offlineRefusesToPull() throws {
        let setup = try Self.setup()
        let (result, _) = try Self.scan("127.0.0.1:\(setup.servers.plainPort)/app:1.0", ["--offline"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("--offline"), "\(result.stderr)")
    }

    @Test func invalidReferenceIsAUsageError() throws {
        let (result, _) = try Self.scan("Not A Ref")
        #expect(result.status == 2)
        #expect(result.stderr.contains("invalid image reference"), "\(result.stderr)")
    }
}
