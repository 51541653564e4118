import DrydockTestSupport
import Foundation
import Testing

/// Registry, rootfs and fs scans without `--db` get the DB the way archive scans do: the inventory
/// first, then the automatic update with just the shards it needs (from the local feed server), or a
/// pull from `--db-repository` (a DB pushed to the loopback registry).
@Suite(.serialized, .enabled(if: FeedServer.isAvailable, "python3 is needed for the local feed server"))
struct RegistryDatabaseUpdateTests {
    static let repository = "regscan/app"

    static func servers() throws -> RegistryServers {
        let servers = try RegistryServers.shared()
        let layout = try ImageFixtures.ociLayout(images: [RegistryFixtures.alpine(muslVersion: "1.2.4-r2")])
        try servers.push(layout: layout, tag: "1.0", port: servers.plainPort, repository: repository)
        return servers
    }

    static func run(_ arguments: [String], environment: [String: String]) throws -> ProcessRunner.Result {
        var env = environment
        env["DOCKER_CONFIG"] = "/nonexistent-docker-config"  // never the host's own credentials
        env["XDG_CONFIG_HOME"] = "/nonexistent-xdg"
        return try ProcessRunner.run(PackagePaths.drydock, arguments, environment: LayerCacheIsolation.isolated(env))
    }

    static func report(_ result: ProcessRunner.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result.stderr)")
    }

    @Test("drydock image REF on a fresh cache builds the DB from the shards the image needs, then updates nothing")
    func registryScanUpdatesFromFeeds() throws {
        let servers = try Self.servers()
        let server = try FeedServer(root: try DBDistFeedSite.write())
        defer { server.stop() }
        let cache = try PackagePaths.temporaryDirectory("regscan-feeds").path
        let arguments = [
            "image", "127.0.0.1:\(servers.plainPort)/\(Self.repository):1.0", "--cache-dir", cache, "--format", "json",
        ]
        let first = try Self.run(arguments, environment: DBDistFeedSite.environment(server))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(CLI.findingRows(try Self.report(first)).map { $0[2] } == ["CVE-2099-0001"])
        #expect(
            server.requests().sorted() == ["/alpine/v3.19/community.json", "/alpine/v3.19/main.json"],
            "only the Alpine 3.19 shard is fetched: \(server.requests())")
        #expect(try DatabaseLockShardTests.shards(cache) == ["alpine/v3.19"])

        try server.clearRequests()
        let again = try Self.run(arguments, environment: DBDistFeedSite.environment(server))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(server.requests().isEmpty, "a fresh DB holding every needed shard is not updated")
    }

    @Test("drydock image REF --db-repository pulls the published DB before matching")
    func registryScanPullsRepository() throws {
        let servers = try Self.servers()
        let database = try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
        let environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        let artifact = "127.0.0.1:\(servers.plainPort)/regscan/drydock-db:1"
        let push = try Self.run(["db", "push", artifact, "--db", database], environment: environment)
        #expect(push.status == 0, "\(push.stderr)")
        let cache = try PackagePaths.temporaryDirectory("regscan-repo").path
        let result = try Self.run(
            [
                "image", "127.0.0.1:\(servers.plainPort)/\(Self.repository):1.0", "--cache-dir", cache, "--format",
                "json", "--db-repository", "127.0.0.1:1/dead/drydock-db:1,\(artifact)",
            ], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.report(result)
        #expect(CLI.findingRows(report).map { $0[2] } == ["CVE-2099-0001"])
        let info = (report["Drydock"] as? [String: Any])?["Database"] as? [String: Any]
        #expect(info?["Digest"] as? String == (try DatabaseDistributionTests.digest(of: database)))
        #expect(result.stderr.contains("skipped 127.0.0.1:1/dead"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: cache + "/db/drydock.db"))
    }

    @Test(
        "rootfs and fs without --db update the DB with the shards their inventory needs", arguments: ["rootfs", "fs"])
    func directoryScansUpdate(command: String) throws {
        let server = try FeedServer(root: try DBDistFeedSite.write())
        defer { server.stop() }
        let cache = try PackagePaths.temporaryDirectory("regscan-\(command)").path
        let directory = try PackagePaths.temporaryDirectory("regscan-\(command)-tree")
        let files: [String: String]
        if command == "rootfs" {
            files = [
                "etc/os-release": "ID=alpine\nVERSION_ID=3.19.1\n",
                "lib/apk/db/installed": "P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n",
            ]
        } else {
            files = ["requirements.txt": "Django==3.2.0\n"]
        }
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let result = try Self.run(
            [command, directory.path, "--cache-dir", cache, "--format", "json"],
            environment: DBDistFeedSite.environment(server))
        #expect(result.status == 0, "\(result.stderr)")
        let expected = command == "rootfs" ? "CVE-2099-0001" : "PYSEC-2021-1"
        #expect(CLI.findingRows(try Self.report(result)).map { $0[2] } == [expected])
        let shards = try DatabaseLockShardTests.shards(cache)
        #expect(shards == [command == "rootfs" ? "alpine/v3.19" : "osv/PyPI"], "\(server.requests())")
    }
}
