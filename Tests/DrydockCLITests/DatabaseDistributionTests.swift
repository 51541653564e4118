import DrydockTestSupport
import Foundation
import Testing

/// `drydock db push`/`db pull`/`--db-repository` against a real docker-registry on loopback (and the
/// fault proxy in front of it). Fails — never skips — when the registries cannot be started.
@Suite(.serialized) struct DatabaseDistributionTests {
    struct Published: Sendable {
        var servers: RegistryServers
        /// A DB built from the Debian scenario, pushed as `drydock-db:2`.
        var database: String
        var digest: String
    }

    nonisolated(unsafe) static var prepared: Result<Published, any Error>?
    static let lock = NSLock()

    static func published() throws -> Published {
        lock.lock()
        defer { lock.unlock() }
        if let prepared { return try prepared.get() }
        let result = Result { () throws -> Published in
            let servers = try RegistryServers.shared()
            let database = try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
            let push = try run(["db", "push", "127.0.0.1:\(servers.plainPort)/drydock-db:2", "--db", database])
            guard push.status == 0 else {
                throw CLI.ProcessFailure(description: "db push failed (\(push.status)): \(push.stderr)")
            }
            return Published(servers: servers, database: database, digest: try digest(of: database))
        }
        prepared = result
        return try result.get()
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessRunner.Result {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["DOCKER_CONFIG"] = "/nonexistent-docker-config"  // never the host's own credentials
        env["XDG_CONFIG_HOME"] = "/nonexistent-xdg"
        for (key, value) in environment { env[key] = value }
        return try ProcessRunner.run(PackagePaths.drydock, arguments, environment: env)
    }

    static func digest(of database: String) throws -> String {
        let url = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("metadata.json")
        let metadata = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return try #require(metadata?["digest"] as? String)
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test("db push writes an OCI artifact with Drydock's media types and the DB digest annotation")
    func pushedManifest() throws {
        let published = try Self.published()
        let skopeo = try #require(ProcessRunner.which("skopeo"), "skopeo is installed with the registries")
        let raw = try ProcessRunner.run(
            skopeo,
            [
                "inspect", "--raw", "--tls-verify=false",
                "docker://127.0.0.1:\(published.servers.plainPort)/drydock-db:2",
            ])
        #expect(raw.status == 0, "\(raw.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: raw.stdout) as? [String: Any])
        #expect(manifest["artifactType"] as? String == "application/vnd.drydock.db.v1")
        #expect(
            (manifest["config"] as? [String: Any])?["mediaType"] as? String
                == "application/vnd.drydock.db.config.v1+json")
        let layers = manifest["layers"] as? [[String: Any]] ?? []
        #expect(layers.map { $0["mediaType"] as? String } == ["application/vnd.drydock.db.layer.v1.tar+gzip"])
        let annotations = manifest["annotations"] as? [String: String] ?? [:]
        #expect(annotations["dev.drydock.db.digest"] == published.digest)
        #expect(annotations["dev.drydock.db.schema-version"] == "4")
        #expect(annotations["org.opencontainers.image.created"]?.hasPrefix("20") == true)
    }

    @Test("db pull installs the pushed DB byte for byte; a second pull downloads nothing")
    func pullRoundTrip() throws {
        let published = try Self.published()
        let cache = try PackagePaths.temporaryDirectory("pull").path
        let reference = "127.0.0.1:\(published.servers.plainPort)/drydock-db:2"
        let first = try Self.run(["db", "pull", reference, "--cache-dir", cache])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.output.contains("Installed"))
        #expect(try Self.bytes(cache + "/db/drydock.db") == Self.bytes(published.database))
        #expect(try Self.digest(of: cache + "/db/drydock.db") == published.digest)
        let second = try Self.run(["db", "pull", reference, "--cache-dir", cache])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.output.contains("Already current"), "\(second.output)")
        #expect(try Self.run(["db", "info", "--cache-dir", cache]).status == 0)
        #expect(try Self.run(["db", "pull", reference, "--cache-dir", cache, "--offline"]).status == 2)
    }

    @Test("--db-repository falls back past a dead repository and a registry answering 503 to a flaky one")
    func fallbackList() throws {
        let published = try Self.published()
        let fault = published.servers.faultPort
        let cache = try PackagePaths.temporaryDirectory("fallback").path
        let list = [
            "127.0.0.1:1/dead/drydock-db:2", "127.0.0.1:\(fault)/always-500/drydock-db:2",
            "127.0.0.1:\(fault)/flaky/drydock-db:2",
        ].joined(separator: ",")
        let result = try Self.run(["db", "pull", list, "--cache-dir", cache])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.output.contains("flaky/drydock-db:2"), "\(result.output)")
        #expect(result.stderr.contains("127.0.0.1:1/dead"), "\(result.stderr)")
        #expect(result.stderr.contains("503"), "\(result.stderr)")
        #expect(try Self.digest(of: cache + "/db/drydock.db") == published.digest)

        let none = try Self.run(["db", "pull", "127.0.0.1:\(fault)/always-500/drydock-db:2", "--cache-dir", cache])
        #expect(none.status == 4)
        #expect(none.stderr.contains("last good DB is kept"), "\(none.stderr)")
    }

    @Test(
        "a bundle download that breaks off half-way is resumed (or restarted) and verified",
        arguments: ["close-mid-blob", "no-range"])
    func interruptedDownload(mode: String) throws {
        let published = try Self.published()
        let cache = try PackagePaths.temporaryDirectory("resume-\(mode)").path
        let result = try Self.run([
            "db", "pull", "127.0.0.1:\(published.servers.faultPort)/\(mode)/drydock-db:2", "--cache-dir", cache,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.bytes(cache + "/db/drydock.db") == Self.bytes(published.database))
    }

    @Test("a corrupted artifact (blob digest mismatch) leaves the old DB in place")
    func corruptedArtifact() throws {
        let published = try Self.published()
        let other = try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
        let port = published.servers.plainPort
        let push = try Self.run(["db", "push", "127.0.0.1:\(port)/drydock-db:other", "--db", other])
        #expect(push.status == 0, "\(push.stderr)")
        let cache = try PackagePaths.temporaryDirectory("corrupt").path
        #expect(try Self.run(["db", "pull", "127.0.0.1:\(port)/drydock-db:2", "--cache-dir", cache]).status == 0)
        let before = try Self.bytes(cache + "/db/drydock.db")
        let corrupt = "127.0.0.1:\(published.servers.faultPort)/wrong-digest/drydock-db:other"
        let result = try Self.run(["db", "pull", corrupt, "--cache-dir", cache])
        #expect(result.status == 4)
        #expect(result.stderr.contains("hashes to"), "\(result.stderr)")
        #expect(try Self.bytes(cache + "/db/drydock.db") == before)
        #expect(try Self.digest(of: cache + "/db/drydock.db") == published.digest)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache + "/db").filter {
            $0.contains(".tmp-") || $0.hasSuffix(".pull.tar")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // An image is not a DB artifact.
        let image = try Self.run(["db", "pull", "127.0.0.1:\(port)/app:1.0", "--cache-dir", cache])
        #expect(image.status == 4)
        #expect(try Self.bytes(cache + "/db/drydock.db") == before)
    }

    @Test("a scan with --db-repository pulls the DB first and reports its digest")
    func scanWithRepository() throws {
        let published = try Self.published()
        let cache = try PackagePaths.temporaryDirectory("scan-repo").path
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])
        let result = try Self.run([
            "image", "--input", image.path, "--cache-dir", cache, "--format", "json", "--db-repository",
            "127.0.0.1:\(published.servers.faultPort)/always-500/drydock-db:2,"
                + "127.0.0.1:\(published.servers.plainPort)/drydock-db:2",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let database = (report["Drydock"] as? [String: Any])?["Database"] as? [String: Any]
        #expect(database?["Digest"] as? String == published.digest)
        #expect(!CLI.findingRows(report).isEmpty)
        #expect(
            result.stderr.contains("skipped 127.0.0.1:\(published.servers.faultPort)/always-500"), "\(result.stderr)")
    }
}
