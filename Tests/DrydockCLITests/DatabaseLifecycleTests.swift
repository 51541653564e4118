import DrydockTestSupport
import Foundation
import Testing

@Suite("drydock db update, import, export; DB digest, age and --db-max-age in scans")
struct DatabaseLifecycleTests {
    @Test("reports state the DB digest and age; --db-max-age fails with exit code 4 when exceeded")
    func freshnessInReports() throws {
        let database = try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
        let metadataURL = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent(
            "metadata.json")
        let metadata = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: metadataURL)) as? [String: Any])
        let digest = try #require(metadata["digest"] as? String)
        #expect(digest.hasPrefix("sha256:"))
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])

        let (fresh, report) = try CLI.scanJSON(image.path, database: database, extra: ["--db-max-age", "72h"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let db = (report["Drydock"] as? [String: Any])?["Database"] as? [String: Any]
        #expect(db?["Digest"] as? String == digest)
        #expect((db?["AgeSeconds"] as? Int).map { $0 < 3600 } == true)
        #expect(db?["NextUpdate"] is String)

        let table = try CLI.run(["image", "--input", image.path, "--db", database])
        #expect(table.output.contains("Vulnerability DB: \(digest), built 0d 0h ago"))

        Thread.sleep(forTimeInterval: 1.1)
        let stale = try CLI.run(["image", "--input", image.path, "--db", database, "--db-max-age", "1s"])
        #expect(stale.status == 4, "\(stale.stderr)")
        #expect(stale.stderr.contains("--db-max-age"))
        let bad = try CLI.run(["image", "--input", image.path, "--db", database, "--db-max-age", "soon"])
        #expect(bad.status == 2)
    }

    @Test("db export then db import installs a verified copy; a damaged bundle changes nothing")
    func bundleRoundTrip() throws {
        let database = try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
        let scratch = try PackagePaths.temporaryDirectory("bundle")
        let bundle = scratch.appendingPathComponent("drydock-db.tar").path
        let export = try CLI.run(["db", "export", "--db", database, "--output", bundle])
        #expect(export.status == 0, "\(export.stderr)")
        let cache = scratch.appendingPathComponent("cache").path
        let imported = try CLI.run(["db", "import", bundle, "--cache-dir", cache])
        #expect(imported.status == 0, "\(imported.stderr)")
        let installed = cache + "/db/drydock.db"
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: installed)) == Data(contentsOf: URL(fileURLWithPath: database)))
        #expect(try CLI.run(["db", "info", "--cache-dir", cache]).status == 0)

        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bundle)))
        bytes[4096] ^= 0x01
        let damaged = scratch.appendingPathComponent("damaged.tar").path
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let refused = try CLI.run(["db", "import", damaged, "--cache-dir", cache])
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("digest"))
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: installed)) == Data(contentsOf: URL(fileURLWithPath: database)))
    }

    @Test("db update --offline refuses without touching the network")
    func updateOffline() throws {
        let result = try CLI.run(["db", "update", "--offline", "--cache-dir", "/nonexistent/cache"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("db import"))
    }

    @Test(
        "db update fetches from a local feed server; a failing server keeps the last good DB",
        .enabled(if: FeedServer.isAvailable, "python3 is needed for the local feed server"))
    func updateFromLocalServer() throws {
        let site = try PackagePaths.temporaryDirectory("feeds")
        let pypi = site.appendingPathComponent("PyPI")
        try FileManager.default.createDirectory(at: pypi, withIntermediateDirectories: true)
        try Data(
            #"{"id": "PYSEC-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "x"}, "versions": ["1.0"]}]}"#
                .utf8
        ).write(to: pypi.appendingPathComponent("PYSEC-1.json"))
        try FeedServer.zip(directory: pypi, to: pypi.appendingPathComponent("all.zip"))
        try Data("2024-01-01T00:00:00Z,PYSEC-1\n".utf8).write(to: pypi.appendingPathComponent("modified_id.csv"))
        let server = try FeedServer(root: site)
        defer { server.stop() }
        let cache = try PackagePaths.temporaryDirectory("cache").path
        let arguments = [
            "db", "update", "--cache-dir", cache, "--osv-url", server.baseURL.absoluteString, "--ecosystems", "PyPI",
            "--alpine-releases", "none", "--no-debian",
        ]
        let first = try CLI.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.output.contains("full exports: PyPI"))
        #expect(server.requests() == ["/PyPI/modified_id.csv", "/PyPI/all.zip"])
        let digest = try Data(contentsOf: URL(fileURLWithPath: cache + "/db/drydock.db"))

        try server.fail("/PyPI/modified_id.csv", with: .status(503))
        let failed = try CLI.run(arguments)
        #expect(failed.status == 4)
        #expect(failed.stderr.contains("last good DB is kept"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache + "/db/drydock.db")) == digest)
    }
}
