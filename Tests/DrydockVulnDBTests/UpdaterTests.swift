import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// `db update` against a feed server of the test's own on 127.0.0.1.
@Suite(.enabled(if: FeedServer.isAvailable, "python3 is needed for the local feed server"))
struct UpdaterTests {
    func updater(_ server: FeedServer, cache: String) -> DatabaseUpdater {
        DatabaseUpdater(
            downloader: FeedDownloader(transport: URLSessionTestTransport()),
            configuration: FeedSite.configuration(server), databasePath: cache + "/db/drydock.db",
            feedsDirectory: cache + "/db/feeds", drydockVersion: "test")
    }

    @Test func incrementalRoundDownloadsOnlyChangedRecords() async throws {
        var site = try FeedSite()
        let server = try FeedServer(root: site.root)
        defer { server.stop() }
        let cache = try VulnDBTestSupport.makeScratchDirectory("cache")
        let updater = updater(server, cache: cache)

        let first = try await updater.update()
        #expect(
            server.requests() == [
                "/PyPI/modified_id.csv", "/PyPI/all.zip", "/alpine/v3.10/main.json", "/alpine/v3.10/community.json",
                "/debian/json",
            ])
        #expect(first.archivesDownloaded == ["PyPI"])
        #expect(first.recordsDownloaded.isEmpty)
        #expect(first.warnings.contains { $0.contains("community.json") })
        let metadata = try #require(try DatabaseMetadata.read(forDatabase: updater.databasePath))
        #expect(metadata.digest == (try DatabaseMetadata.digest(ofFile: updater.databasePath)))
        #expect(metadata.sources.map(\.name) == ["osv/PyPI", "alpine", "debian-tracker"])
        #expect(metadata.nextUpdate > metadata.builtAt)
        var db = try VulnerabilityDatabase.open(path: updater.databasePath)
        #expect(try db.affected(namespace: "PyPI", packageName: "pkg-2").first?.fixedVersions == ["1.2"])
        #expect(try db.hasNamespace("Debian:12"))
        #expect(try db.hasNamespace("Alpine:v3.10"))

        // One record changes, one is new; the others are as before.
        site.set(id: "PYSEC-2024-2", modified: "2024-05-01T00:00:00Z", fixed: "2.0")
        site.set(id: "PYSEC-2024-4", modified: "2024-05-02T00:00:00Z", fixed: "4.0")
        try site.publish()
        try server.clearRequests()
        let second = try await updater.update()
        let osvRequests = server.requests().filter { $0.hasPrefix("/PyPI/") }
        #expect(osvRequests == ["/PyPI/modified_id.csv", "/PyPI/PYSEC-2024-4.json", "/PyPI/PYSEC-2024-2.json"])
        #expect(second.archivesDownloaded.isEmpty)
        #expect(second.recordsDownloaded == ["PyPI/PYSEC-2024-4", "PyPI/PYSEC-2024-2"])
        db = try VulnerabilityDatabase.open(path: updater.databasePath)
        #expect(try db.affected(namespace: "PyPI", packageName: "pkg-2").first?.fixedVersions == ["2.0"])
        #expect(try db.affected(namespace: "PyPI", packageName: "pkg-4").first?.fixedVersions == ["4.0"])

        // Nothing changed: only the list is read.
        try server.clearRequests()
        _ = try await updater.update()
        #expect(server.requests().filter { $0.hasPrefix("/PyPI/") } == ["/PyPI/modified_id.csv"])
    }

    @Test func interruptedDownloadKeepsTheLastGoodDatabase() async throws {
        var site = try FeedSite()
        let server = try FeedServer(root: site.root)
        defer { server.stop() }
        let cache = try VulnDBTestSupport.makeScratchDirectory("cache")
        let updater = updater(server, cache: cache)
        _ = try await updater.update()
        let before = try DatabaseMetadata.digest(ofFile: updater.databasePath)
        let metadataBefore = try DatabaseMetadata.read(forDatabase: updater.databasePath)

        site.set(id: "PYSEC-2024-1", modified: "2024-06-01T00:00:00Z", fixed: "9.9")
        try site.publish()
        try server.fail("/PyPI/PYSEC-2024-1.json", with: .truncate)
        await #expect(throws: VulnDBError.self) { _ = try await updater.update() }
        try server.fail("/debian/json", with: .status(503))
        try server.fail("/PyPI/PYSEC-2024-1.json", with: .status(500))
        let error = await #expect(throws: VulnDBError.self) { _ = try await updater.update() }
        #expect(error?.code == .downloadFailed)
        #expect(error?.reason.contains("500") == true)
        #expect(try DatabaseMetadata.digest(ofFile: updater.databasePath) == before)
        #expect(try DatabaseMetadata.read(forDatabase: updater.databasePath) == metadataBefore)
        let db = try VulnerabilityDatabase.open(path: updater.databasePath)
        #expect(try db.affected(namespace: "PyPI", packageName: "pkg-1").first?.fixedVersions == ["1.1"])

        // Once the server recovers, the record is fetched and the DB replaced.
        try server.fail(nil)
        _ = try await updater.update()
        let after = try VulnerabilityDatabase.open(path: updater.databasePath)
        #expect(try after.affected(namespace: "PyPI", packageName: "pkg-1").first?.fixedVersions == ["9.9"])
    }

    @Test func truncatedAndCorruptArchivesChangeNothing() async throws {
        let site = try FeedSite()
        let server = try FeedServer(root: site.root)
        defer { server.stop() }
        let cache = try VulnDBTestSupport.makeScratchDirectory("cache")
        let updater = updater(server, cache: cache)
        // A DB that must survive: built from the Alpine document alone.
        try FileManager.default.createDirectory(atPath: cache + "/db", withIntermediateDirectories: true)
        let input = try VulnDBTestSupport.write(secdbDocument, to: "in/main.json", in: cache)
        _ = try DatabaseBuilder.build(output: updater.databasePath, sources: [input], builtAt: Date())
        let before = try DatabaseMetadata.digest(ofFile: updater.databasePath)

        try server.fail("/PyPI/all.zip", with: .truncate)
        let truncated = await #expect(throws: VulnDBError.self) { _ = try await updater.update() }
        #expect(truncated?.code == .downloadFailed)
        #expect(try DatabaseMetadata.digest(ofFile: updater.databasePath) == before)

        try server.fail(nil)
        var garbage = [UInt8]("PK\u{3}\u{4}".utf8) + [UInt8](repeating: 0x5A, count: 4000)
        garbage[100] = 0
        try Data(garbage).write(to: site.root.appendingPathComponent("PyPI/all.zip"))
        let corrupt = await #expect(throws: VulnDBError.self) { _ = try await updater.update() }
        #expect(corrupt?.reason.contains("not a readable ZIP") == true)
        #expect(try DatabaseMetadata.digest(ofFile: updater.databasePath) == before)
        #expect(!FileManager.default.fileExists(atPath: cache + "/db/feeds/osv/PyPI/records"))
        #expect(try VulnerabilityDatabase.open(path: updater.databasePath).hasNamespace("Alpine:v3.10"))
    }

    /// The shared corpus's PyPI records served as an export, then one changed and one new record.
    @Test(.enabled(if: VulnDBTestSupport.sharedAdvisoriesDirectory() != nil, "needs ../shared/advisories"))
    func sharedCorpusExport() async throws {
        guard let shared = VulnDBTestSupport.sharedAdvisoriesDirectory() else {
            print("skipped: ../shared/advisories is absent")
            return
        }
        let site = URL(fileURLWithPath: try VulnDBTestSupport.makeScratchDirectory("corpus-site"))
        let pypi = site.appendingPathComponent("PyPI")
        try FileManager.default.copyItem(atPath: shared + "/osv/PyPI", toPath: pypi.path)
        var list: [(String, String)] = []
        let names = try FileManager.default.contentsOfDirectory(atPath: pypi.path).filter { $0.hasSuffix(".json") }
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: pypi.appendingPathComponent(name)))
            guard let modified = (try? JSONParser.parse(bytes))?["modified"]?.stringValue,
                Timestamp.parse(modified) != nil
            else { continue }
            list.append((modified, String(name.dropLast(5))))
        }
        func publishList() throws {
            let text = list.sorted { $0.0 > $1.0 }.map { "\($0.0),\($0.1)\n" }.joined()
            try Data(text.utf8).write(to: pypi.appendingPathComponent("modified_id.csv"))
        }
        try FeedServer.zip(directory: pypi, to: pypi.appendingPathComponent("all.zip"))
        try publishList()
        let server = try FeedServer(root: site)
        defer { server.stop() }
        let cache = try VulnDBTestSupport.makeScratchDirectory("cache")
        var configuration = FeedSite.configuration(server)
        configuration.alpineReleases = []
        configuration.debianTrackerURL = nil
        let updater = DatabaseUpdater(
            downloader: FeedDownloader(transport: URLSessionTestTransport()), configuration: configuration,
            databasePath: cache + "/drydock.db", feedsDirectory: cache + "/feeds", drydockVersion: "test")
        let first = try await updater.update()
        #expect(first.recordsDownloaded.isEmpty)
        #expect(first.build.sources.first?.files == names.count)

        let changed = try #require(list.first?.1)
        list[0].0 = "2030-01-01T00:00:00Z"
        try VulnDBTestSupport.write(
            #"{"id": "DRYDOCK-TEST-1", "modified": "2030-01-02T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "drydock-test"}, "versions": ["1.0"]}]}"#,
            to: "PyPI/DRYDOCK-TEST-1.json", in: site.path)
        list.append(("2030-01-02T00:00:00Z", "DRYDOCK-TEST-1"))
        try publishList()
        try server.clearRequests()
        let second = try await updater.update()
        #expect(server.requests() == ["/PyPI/modified_id.csv", "/PyPI/DRYDOCK-TEST-1.json", "/PyPI/\(changed).json"])
        #expect(second.build.sources.first?.files == names.count + 1)
    }
}

@Test func bundleRoundTripAndVerification() throws {
    let root = try VulnDBTestSupport.makeScratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let input = try VulnDBTestSupport.write(debianTrackerDocument, to: "in/debian.json", in: root)
    try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
    _ = try DatabaseBuilder.build(output: root + "/a/drydock.db", sources: [input], builtAt: Date())
    try DatabaseBundle.export(databasePath: root + "/a/drydock.db", to: root + "/bundle.tar")
    let installed = try DatabaseBundle.install(bundlePath: root + "/bundle.tar", databasePath: root + "/b/drydock.db")
    #expect(installed.digest == (try DatabaseMetadata.digest(ofFile: root + "/b/drydock.db")))
    #expect(try DatabaseMetadata.read(forDatabase: root + "/b/drydock.db") == installed)
    #expect(try VulnerabilityDatabase.open(path: root + "/b/drydock.db").hasNamespace("Debian:12"))

    // A flipped byte inside the DB member: the digest no longer matches and nothing is installed.
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/bundle.tar")))
    bytes[512 + 2000] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: root + "/bad.tar"))
    let error = #expect(throws: VulnDBError.self) {
        try DatabaseBundle.install(bundlePath: root + "/bad.tar", databasePath: root + "/c/drydock.db")
    }
    #expect(error?.code == .verificationFailed)
    #expect(!FileManager.default.fileExists(atPath: root + "/c/drydock.db"))
    // A truncated bundle.
    try Data(bytes.prefix(3000)).write(to: URL(fileURLWithPath: root + "/cut.tar"))
    #expect(throws: VulnDBError.self) {
        try DatabaseBundle.install(bundlePath: root + "/cut.tar", databasePath: root + "/b/drydock.db")
    }
    #expect(try DatabaseMetadata.read(forDatabase: root + "/b/drydock.db") == installed)
}
