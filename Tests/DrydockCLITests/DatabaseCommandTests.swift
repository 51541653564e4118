import DrydockTestSupport
import DrydockVulnDB
import Foundation
import Testing

@Suite("drydock db build and db info")
struct DatabaseCommandTests {
    @Test("build creates missing parent directories; info lists the sources and namespaces")
    func buildAndInfo() throws {
        let output = try PackagePaths.temporaryDirectory("dbcmd").appendingPathComponent("a/b/drydock.db").path
        let advisories = try DebianScenario.writeAdvisories()
        let build = try CLI.run(["db", "build", "--output", output, advisories.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.output.contains("7 advisories"))
        let info = try CLI.run(["db", "info", "--db", output])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.output.contains("Schema version:"))
        #expect(info.output.contains(advisories.path))
        #expect(info.output.contains("Debian"))
        // The DB's size, as the file system reports it, in both outputs.
        let bytes = try #require(DatabaseInfo.fileSize(output))
        #expect(bytes > 0)
        #expect(info.output.contains("Size:            \(DatabaseInfo.mebibytes(bytes))"))
        #expect(build.output.contains("records, \(DatabaseInfo.mebibytes(bytes))"))
    }

    @Test("a named file in no known format is bad input (exit 3), naming it")
    func unknownFormat() throws {
        let file = try PackagePaths.temporaryDirectory("dbcmd").appendingPathComponent("notes.json")
        try Data(#"{"hello": "world"}"#.utf8).write(to: file)
        let output = try PackagePaths.temporaryDirectory("dbcmd").appendingPathComponent("drydock.db").path
        let result = try CLI.run(["db", "build", "--output", output, file.path])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains(file.path))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a missing source is a usage error (exit 2)")
    func missingSource() throws {
        let result = try CLI.run(["db", "build", "--output", "/tmp/never-written.db", "/nonexistent/advisories"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/advisories"))
    }

    @Test("db info without a DB is exit 4")
    func infoWithoutDatabase() throws {
        let result = try CLI.run(["db", "info", "--db", "/nonexistent/drydock.db"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("/nonexistent/drydock.db"))
    }

    @Test("--cache-dir selects the default DB for scans and info")
    func cacheDirectory() throws {
        let cache = try PackagePaths.temporaryDirectory("cache")
        let build = try CLI.run([
            "db", "build", "--quiet", "--output", cache.appendingPathComponent("db/drydock.db").path,
            try DebianScenario.writeAdvisories().path,
        ])
        #expect(build.status == 0)
        #expect(try CLI.run(["db", "info", "--cache-dir", cache.path]).status == 0)
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])
        let scan = try CLI.run(["image", "--input", image.path, "--cache-dir", cache.path, "--format", "json"])
        #expect(scan.status == 0, "\(scan.stderr)")
    }
}

@Suite("Automatic DB update before a scan")
struct AutoUpdateTests {
    @Test("a DB built with db build is never replaced by a scan's automatic update, even when due")
    func ownDatabaseIsKept() throws {
        let cache = try PackagePaths.temporaryDirectory("cache")
        let dbPath = cache.appendingPathComponent("db/drydock.db")
        let build = try CLI.run([
            "db", "build", "--quiet", "--output", dbPath.path, try DebianScenario.writeAdvisories().path,
        ])
        #expect(build.status == 0)
        // Make it look overdue: next update in the past.
        let metadataURL = cache.appendingPathComponent("db/metadata.json")
        var metadata = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: metadataURL)) as? [String: Any])
        #expect(metadata["updatedFromFeeds"] as? Bool == false)
        metadata["nextUpdate"] = "2000-01-01T00:00:00Z"
        try JSONSerialization.data(withJSONObject: metadata).write(to: metadataURL)
        let before = try Data(contentsOf: dbPath)
        // Feeds point at a closed loopback port, so even a wrong attempt stays on this machine.
        var environment = ProcessInfo.processInfo.environment
        for name in ["DRYDOCK_OSV_URL", "DRYDOCK_ALPINE_SECDB_URL", "DRYDOCK_DEBIAN_TRACKER_URL"] {
            environment[name] = "http://127.0.0.1:9/"
        }
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])
        let scan = try ProcessRunner.run(
            PackagePaths.drydock, ["image", "--input", image.path, "--cache-dir", cache.path, "--format", "json"],
            environment: environment)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(!scan.stderr.contains("fetching"), "\(scan.stderr)")
        #expect(try Data(contentsOf: dbPath) == before)
    }
}
