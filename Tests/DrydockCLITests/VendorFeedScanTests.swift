import DrydockTestSupport
import Foundation
import Testing

/// The vendor feeds of the RPM distributions through the `drydock` binary: a scan's automatic update fetches the
/// shard its image needs from a local feed server (Amazon Linux 2023, from Amazon's real `updateinfo.xml.gz`), and
/// Fedora, for which no real updateinfo is available, from a document written after the schema and compressed
/// with `xz` as Fedora serves it.
@Suite(.serialized, .enabled(if: FeedServer.isAvailable, "python3 is needed for the local feed server"))
struct VendorFeedScanTests {
    /// An Amazon Linux 2023 repository layout: `mirror.list` → `repodata/repomd.xml` → the real ALAS excerpt.
    static func amazonSite(shared: URL) throws -> URL {
        let root = try PackagePaths.temporaryDirectory("amazon-site")
        let updateinfo = try Data(
            contentsOf: shared.appendingPathComponent("advisories/amazon-alas-excerpts/updateinfo_2023.xml.gz"))
        let repository = root.appendingPathComponent("amazon/al2023/core/guids/00/x86_64")
        try FileManager.default.createDirectory(
            at: repository.appendingPathComponent("repodata"), withIntermediateDirectories: true)
        try updateinfo.write(to: repository.appendingPathComponent("repodata/updateinfo.xml.gz"))
        let repomd = """
            <repomd><data type="updateinfo"><location href="repodata/updateinfo.xml.gz"/></data></repomd>
            """
        try Data(repomd.utf8).write(to: repository.appendingPathComponent("repodata/repomd.xml"))
        let list = root.appendingPathComponent("amazon/al2023/core/mirrors/latest/x86_64")
        try FileManager.default.createDirectory(at: list, withIntermediateDirectories: true)
        try Data("MIRROR/amazon/al2023/core/guids/00/$basearch\n".utf8).write(
            to: list.appendingPathComponent("mirror.list"))
        return root
    }

    @Test(
        "an Amazon Linux 2023 image with no DB: the amazon/2023 shard is fetched, matched and named in the coverage",
        .enabled(if: PackagePaths.hasShared))
    func amazonShardOnDemand() throws {
        let shared = try #require(PackagePaths.shared)
        let site = try Self.amazonSite(shared: shared)
        let server = try FeedServer(root: site)
        defer { server.stop() }
        let list = site.appendingPathComponent("amazon/al2023/core/mirrors/latest/x86_64/mirror.list")
        let text = try String(contentsOf: list, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "MIRROR", with: server.baseURL.absoluteString).utf8).write(to: list)
        var environment = DBDistFeedSite.environment(server)
        environment["DRYDOCK_AMAZON_LINUX_URL"] = server.baseURL.appendingPathComponent("amazon").absoluteString
        environment = LayerCacheIsolation.isolated(environment)
        let cache = try PackagePaths.temporaryDirectory("amazon-cache").path
        let image = try ImageFixtures.dockerArchive(
            layers: [
                [
                    "etc/os-release": .file(DistroFixtures.osRelease(id: "amzn", versionID: "2023")),
                    "var/lib/rpm/rpmdb.sqlite": .bytes(
                        try RPMDatabaseFixture.sqlite([.init("rsyslog", version: "8.2204.0", release: "3.amzn2023.0.1")]
                        )),
                ]
            ])
        let result = try ProcessRunner.run(
            PackagePaths.drydock, ["image", "--input", image.path, "--cache-dir", cache, "--format", "json"],
            environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let requests = server.requests()
        #expect(requests.contains("/amazon/al2023/core/guids/00/x86_64/repodata/updateinfo.xml.gz"), "\(requests)")
        #expect(!requests.contains { $0.contains("redhat") || $0.contains("suse") || $0.hasPrefix("/PyPI") })
        #expect(try DatabaseLockShardTests.shards(cache) == ["amazon/2023"])
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(CLI.findingRows(report).map { $0[2] }.sorted() == ["CVE-2014-3634", "CVE-2022-24903"])
        let coverage = ((report["Drydock"] as? [String: Any])?["Coverage"] as? [String: Any])?["OS"] as? [String: Any]
        #expect(coverage?["Feeds"] as? [String] == ["Amazon Linux ALAS (updateinfo)"])
        #expect(coverage?["Namespace"] as? String == "Amazon Linux:2023")
    }

    @Test("Fedora 40: db build reads an xz-compressed updateinfo; findings carry Fedora's rating and update ID")
    func fedora() throws {
        let folder = try PackagePaths.temporaryDirectory("fedora-feed")
        let plain = folder.appendingPathComponent("updateinfo.xml")
        try Data(UpdateInfoFixtures.fedora.utf8).write(to: plain)
        let xz = try ProcessRunner.run("xz", [plain.path])
        #expect(xz.status == 0, "\(xz.stderr)")
        let database = try CLI.buildDatabase([folder.path])
        let image = try ImageFixtures.dockerArchive(
            layers: [
                [
                    "etc/os-release": .file(DistroFixtures.osRelease(id: "fedora", versionID: "40")),
                    "var/lib/rpm/rpmdb.sqlite": .bytes(
                        try RPMDatabaseFixture.sqlite([
                            .init("bind", epoch: 32, version: "9.18.24", release: "1.fc40"),
                            .init("bash", version: "5.2.26", release: "3.fc40"),
                        ])),
                ]
            ])
        let (result, report) = try CLI.scanJSON(image.path, database: database)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            CLI.findingRows(report) == [
                ["bind", "32:9.18.24-1.fc40", "CVE-2023-50387", "32:9.18.26-1.fc40", "HIGH"]
            ])
        let vulnerability = ((report["Results"] as? [[String: Any]])?.first?["Vulnerabilities"] as? [[String: Any]])?
            .first
        #expect(vulnerability?["VendorIDs"] as? [String] == ["FEDORA-2024-3a5e8fb2c4"])
        #expect(vulnerability?["SeveritySource"] as? String == "fedora")
        #expect((vulnerability?["DataSource"] as? [String: Any])?["ID"] as? String == "fedora")
        let coverage = ((report["Drydock"] as? [String: Any])?["Coverage"] as? [String: Any])?["OS"] as? [String: Any]
        #expect(coverage?["Feeds"] as? [String] == ["Fedora updateinfo"])
        // Another release's image is not covered by Fedora 40's updates.
        let other = try ImageFixtures.dockerArchive(
            layers: [
                [
                    "etc/os-release": .file(DistroFixtures.osRelease(id: "fedora", versionID: "39")),
                    "var/lib/rpm/rpmdb.sqlite": .bytes(
                        try RPMDatabaseFixture.sqlite([.init("bash", version: "5.2.26", release: "1.fc39")])),
                ]
            ])
        let (otherResult, _) = try CLI.scanJSON(other.path, database: database)
        #expect(otherResult.stderr.contains("no advisories for Fedora:39"), "\(otherResult.stderr)")
    }
}
