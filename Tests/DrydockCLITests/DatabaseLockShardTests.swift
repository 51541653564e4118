import DrydockTestSupport
import Foundation
import Testing

/// The DB update lock between processes, and shards fetched as a scan's inventory needs them, against
/// a local feed server whose request log shows what crossed the network.
@Suite(.serialized, .enabled(if: FeedServer.isAvailable, "python3 is needed for the local feed server"))
struct DatabaseLockShardTests {
    static func update(_ server: FeedServer, cache: String) -> [String] {
        [
            PackagePaths.drydock, "db", "update", "--cache-dir", cache, "--osv-url", server.baseURL.absoluteString,
            "--ecosystems", "PyPI", "--alpine-releases", "none", "--no-debian",
        ]
    }

    static func run(_ command: [String], environment: [String: String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(command[0], Array(command.dropFirst()), environment: environment)
    }

    @Test("a second db update waits for the lock, then uses the DB the first produced; a bounded wait gives up")
    func secondUpdateWaitsForTheLock() throws {
        let server = try FeedServer(root: try DBDistFeedSite.write())
        defer { server.stop() }
        let cache = try PackagePaths.temporaryDirectory("lock").path
        let environment = DBDistFeedSite.environment(server)
        let held = try DBDistHeldLock(path: cache + "/db/.drydock.db.lock")
        let waiting = try DBDistBackground(
            PackagePaths.drydock, Array(Self.update(server, cache: cache).dropFirst()), environment: environment)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(waiting.isRunning)
        #expect(server.requests().isEmpty, "nothing is fetched while another process holds the lock")
        // Meanwhile "the other process" produces a DB.
        let other = try Self.run(
            Self.update(server, cache: cache), environment: environment.merging(["DRYDOCK_DB_LOCK_TIMEOUT": "0"]) { $1 }
        )
        #expect(other.status == 4, "the lock is held, so a process that will not wait gives up")
        #expect(other.stderr.contains("still updating"), "\(other.stderr)")
        let built = try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
        let directory = URL(fileURLWithPath: built).deletingLastPathComponent()
        for name in ["drydock.db", "metadata.json"] {
            try FileManager.default.copyItem(
                atPath: directory.appendingPathComponent(name).path, toPath: cache + "/db/" + name)
        }
        held.release()
        let result = try #require(waiting.wait())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.output.contains("by another drydock process"), "\(result.output)")
        #expect(server.requests().isEmpty)
    }

    @Test("two concurrent db update processes on one cache: both succeed, all.zip is fetched once")
    func concurrentUpdates() throws {
        let server = try FeedServer(root: try DBDistFeedSite.write())
        defer { server.stop() }
        let cache = try PackagePaths.temporaryDirectory("concurrent").path
        let environment = DBDistFeedSite.environment(server)
        let arguments = Array(Self.update(server, cache: cache).dropFirst())
        let first = try DBDistBackground(PackagePaths.drydock, arguments, environment: environment)
        let second = try DBDistBackground(PackagePaths.drydock, arguments, environment: environment)
        let one = try #require(first.wait())
        let two = try #require(second.wait())
        #expect(one.status == 0, "\(one.stderr)")
        #expect(two.status == 0, "\(two.stderr)")
        #expect(server.requests().filter { $0 == "/PyPI/all.zip" }.count == 1, "\(server.requests())")
        #expect(try CLI.run(["db", "info", "--cache-dir", cache]).status == 0)
    }

    @Test("scans fetch only the shards their inventory needs and add shards as new ecosystems appear")
    func shardsOnDemand() throws {
        let server = try FeedServer(root: try DBDistFeedSite.write())
        defer { server.stop() }
        let cache = try PackagePaths.temporaryDirectory("shards").path
        let environment = DBDistFeedSite.environment(server)
        func image(alpine: String) throws -> String {
            try ImageFixtures.dockerArchive(layers: [
                [
                    "etc/os-release": .file("ID=alpine\nVERSION_ID=\(alpine)\n"),
                    "lib/apk/db/installed": .file("P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n"),
                ],
                ["usr/lib/python3.11/site-packages/Django-3.2.0.dist-info/METADATA": .file(Self.djangoMetadata)],
            ]).path
        }
        func scan(_ image: String, _ extra: [String] = []) throws -> ProcessRunner.Result {
            try Self.run(
                [PackagePaths.drydock, "image", "--input", image, "--cache-dir", cache, "--format", "json"] + extra,
                environment: environment)
        }
        let first = try scan(try image(alpine: "3.19.1"))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            server.requests().sorted()
                == [
                    "/PyPI/all.zip", "/PyPI/modified_id.csv", "/alpine/v3.19/community.json", "/alpine/v3.19/main.json",
                ])
        #expect(try Self.shards(cache) == ["alpine/v3.19", "osv/PyPI"])
        let report = try #require(try JSONSerialization.jsonObject(with: first.stdout) as? [String: Any])
        #expect(Set(CLI.findingRows(report).map { $0[2] }) == ["CVE-2099-0001", "PYSEC-2021-1"])

        try server.clearRequests()
        let again = try scan(try image(alpine: "3.19.1"))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(server.requests().isEmpty, "a fresh DB with every needed shard is not updated")

        let second = try scan(try image(alpine: "3.20.2"))
        #expect(second.status == 0, "\(second.stderr)")
        let requests = server.requests()
        #expect(requests.contains("/alpine/v3.20/main.json"))
        #expect(!requests.contains("/PyPI/all.zip"), "the PyPI shard is updated incrementally: \(requests)")
        #expect(!requests.contains { $0.hasPrefix("/npm/") || $0.hasPrefix("/debian") })
        #expect(try Self.shards(cache) == ["alpine/v3.19", "alpine/v3.20", "osv/PyPI"])

        try server.clearRequests()
        let debian = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer]).path
        let skipped = try scan(debian, ["--skip-db-update"])
        #expect(server.requests().isEmpty)
        #expect(
            skipped.stderr.contains("no debian shard") && skipped.stderr.contains("--skip-db-update"),
            "\(skipped.stderr)")
    }

    static func shards(_ cache: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: cache + "/db/metadata.json"))
        let metadata = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return metadata?["shards"] as? [String] ?? []
    }

    static let djangoMetadata = "Metadata-Version: 2.1\nName: Django\nVersion: 3.2.0\n"
}
