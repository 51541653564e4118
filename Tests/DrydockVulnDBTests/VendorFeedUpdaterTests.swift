import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// `db update` of the RPM distributions' own feeds against a local feed server serving the real documents: the
/// archive once, then only what `changes.csv` or `repomd.xml` says changed; `ETag`s for the index files.
@Suite(
    .enabled(if: FeedServer.isAvailable, "python3 is needed for the local feed server"),
    .enabled(if: VulnDBTestSupport.sharedAdvisoriesDirectory() != nil, "needs ../shared/advisories"))
struct VendorFeedUpdaterTests {
    static let shards = ["redhat", "suse", "amazon/2", "amazon/2023", "fedora/40"]

    func updater(_ server: FeedServer, cache: String) -> DatabaseUpdater {
        var configuration = FeedSite.configuration(server)
        configuration.ecosystems = []
        configuration.alpineReleases = []
        configuration.debianTrackerURL = nil
        let base = server.baseURL
        configuration.vendor.redHatVEXURL = base.appendingPathComponent("redhat/vex")
        configuration.vendor.suseSecurityURL = base.appendingPathComponent("suse")
        configuration.vendor.amazonLinuxURL = base.appendingPathComponent("amazon")
        configuration.vendor.amazonLinux1URL = base.appendingPathComponent("amazon1")
        configuration.vendor.fedoraUpdatesURL = base.appendingPathComponent("fedora")
        configuration.vendor.amazonLinux2Extras = ["kernel-5.15", "docker"]
        configuration.vendor.shards = Self.shards
        return DatabaseUpdater(
            downloader: FeedDownloader(transport: URLSessionTestTransport()), configuration: configuration,
            databasePath: cache + "/db/drydock.db", feedsDirectory: cache + "/db/feeds", drydockVersion: "test")
    }

    @Test("archives once, then only changed documents and updateinfo files; unchanged index files answer 304")
    func incremental() async throws {
        let site = try VendorFeedSite(shared: try #require(VulnDBTestSupport.sharedAdvisoriesDirectory()))
        let server = try FeedServer(root: site.root)
        defer { server.stop() }
        try site.publish(for: server)
        let cache = try VulnDBTestSupport.makeScratchDirectory("vendorcache")
        let updater = updater(server, cache: cache)

        let first = try await updater.update()
        let requests = server.requests()
        #expect(requests.contains("/redhat/vex/csaf_vex_2024-09-01.tar.zst"))
        #expect(requests.contains("/suse/csaf-vex.tar.bz2"))
        // Only the change newer than the archive is fetched one by one.
        #expect(requests.filter { $0.hasPrefix("/redhat/vex/20") } == ["/redhat/vex/2026/cve-2026-2673.json"])
        #expect(first.vendorFilesDownloaded.contains("redhat/cve-2026-2673.json"))
        #expect(first.warnings.contains { $0.contains("extras/docker") && $0.contains("404") })
        let documents = try FileManager.default.contentsOfDirectory(atPath: cache + "/db/feeds/redhat/vex/documents")
        #expect(documents.sorted() == ["cve-2023-4154.json", "cve-2024-0727.json", "cve-2026-2673.json"])
        let metadata = try #require(try DatabaseMetadata.read(forDatabase: updater.databasePath))
        #expect(metadata.sources.map(\.name) == ["redhat-csaf", "suse-csaf", "amazon/2", "amazon/2023", "fedora/40"])
        #expect(metadata.shards == Self.shards.sorted())
        let db = try VulnerabilityDatabase.open(path: updater.databasePath)
        #expect(
            try db.affected(namespace: "Red Hat:enterprise_linux:9", packageName: "openssl").first?.status
                == .fixDeferred)
        #expect(try db.hasNamespace("SUSE:Linux Enterprise Micro 6.0"))
        #expect(
            try db.affected(namespace: "Amazon Linux:2023", packageName: "rsyslog").first?.fixedVersions
                == ["8.2204.0-3.amzn2023.0.2"])
        #expect(try db.hasNamespace("Amazon Linux:2"))
        #expect(
            try db.affected(namespace: "Fedora:40", packageName: "bind").first?.fixedVersions == ["32:9.18.26-1.fc40"])
        #expect(try db.feeds(namespace: "Amazon Linux:2023") == ["updateinfo"])

        // Nothing changed: index files only, and none of their bodies.
        try server.clearRequests()
        let second = try await updater.update()
        #expect(second.vendorFilesDownloaded.isEmpty)
        #expect(
            Set(second.vendorFilesUnchanged).isSuperset(of: ["amazon/2/core", "amazon/2023/core", "fedora/40/updates"]))
        let quiet = server.requests()
        #expect(
            !quiet.contains { $0.hasSuffix(".tar.zst") || $0.hasSuffix(".tar.bz2") || $0.contains("updateinfo.xml") })
        #expect(!quiet.contains { $0.hasPrefix("/redhat/vex/20") })
        #expect(
            Set(server.notModified()).isSuperset(of: [
                "/redhat/vex/changes.csv", "/suse/csaf-vex/changes.csv",
                "/amazon/al2023/core/guids/0a/x86_64/repodata/repomd.xml",
                "/fedora/40/Everything/x86_64/repodata/repomd.xml",
            ]), "\(server.notModified())")

        // One Red Hat document changes, one is deleted; Fedora publishes a new updateinfo.
        try site.setRedHatChanges([
            ("2026/cve-2026-2673.json", "2026-03-25T10:00:00+00:00"),
            ("2023/cve-2023-6237.json", "2026-04-01T10:00:00+00:00"),
        ])
        try VulnDBTestSupport.write("\"2023/cve-2023-4154.json\"\n", to: "redhat/vex/deletions.csv", in: site.root.path)
        try site.setFedora(
            UpdateInfoImporterTests.fedora.replacingOccurrences(of: "9.18.26", with: "9.18.27"))
        try server.clearRequests()
        let third = try await updater.update()
        #expect(third.vendorFilesDownloaded.sorted() == ["fedora/40/updates", "redhat/cve-2023-6237.json"])
        #expect(server.requests().filter { $0.hasPrefix("/redhat/vex/20") } == ["/redhat/vex/2023/cve-2023-6237.json"])
        let after = try FileManager.default.contentsOfDirectory(atPath: cache + "/db/feeds/redhat/vex/documents")
        #expect(after.sorted() == ["cve-2023-6237.json", "cve-2024-0727.json", "cve-2026-2673.json"])
        let updated = try VulnerabilityDatabase.open(path: updater.databasePath)
        #expect(
            try updated.affected(namespace: "Fedora:40", packageName: "bind").first?.fixedVersions
                == ["32:9.18.27-1.fc40"])
    }

    @Test("a damaged archive or a checksum mismatch fails the update and keeps the last good DB")
    func failuresKeepTheDatabase() async throws {
        let site = try VendorFeedSite(shared: try #require(VulnDBTestSupport.sharedAdvisoriesDirectory()))
        let server = try FeedServer(root: site.root)
        defer { server.stop() }
        try site.publish(for: server)
        let cache = try VulnDBTestSupport.makeScratchDirectory("vendorfail")
        var broken = updater(server, cache: cache)
        broken.configuration.vendor.shards = ["redhat"]
        try server.fail("/redhat/vex/csaf_vex_2024-09-01.tar.zst", with: .truncate)
        let cut = await #expect(throws: VulnDBError.self) { _ = try await broken.update() }
        #expect(cut?.code == .downloadFailed)
        #expect(!FileManager.default.fileExists(atPath: broken.databasePath))
        #expect(!FileManager.default.fileExists(atPath: cache + "/db/feeds/redhat/vex/documents"))

        try server.fail(nil)
        _ = try await broken.update()
        let before = try DatabaseMetadata.digest(ofFile: broken.databasePath)
        // A Fedora mirror serving a file that does not match repomd.xml's checksum.
        broken.configuration.vendor.shards = ["redhat", "fedora/40"]
        let repodata = site.root.appendingPathComponent("fedora/40/Everything/x86_64/repodata")
        let xz = try #require(
            try FileManager.default.contentsOfDirectory(atPath: repodata.path).first { $0.hasSuffix(".xz") })
        try Data("not the file".utf8).write(to: repodata.appendingPathComponent(xz))
        let mismatch = await #expect(throws: VulnDBError.self) { _ = try await broken.update() }
        #expect(mismatch?.reason.contains("checksum mismatch") == true)
        #expect(try DatabaseMetadata.digest(ofFile: broken.databasePath) == before)
    }
}

@Test("changes.csv: quoted fields, newest change per path, unreadable lines counted")
func changeListParsing() {
    let text = """
        "2024/cve-2024-0727.json","2025-11-21T14:31:32+00:00"
        "2024/cve-2024-0727.json","2024-01-01T00:00:00+00:00"
        "2023/cve-2023-4154.json","2025-11-21T14:31:32+00:00"
        garbage
        "../etc/passwd.json","2025-01-01T00:00:00Z"
        """
    let (changes, skipped) = CSAFChangeList.parse(Array(text.utf8))
    #expect(changes.map(\.path) == ["2024/cve-2024-0727.json", "2023/cve-2023-4154.json"])
    #expect(changes.first?.modified == "2025-11-21T14:31:32+00:00")
    #expect(skipped == 2)
}

@Test("repomd.xml: the updateinfo entry, not its zchunk variant; mirror lists")
func repositoryMetadata() throws {
    let entry = try #require(
        try RepositoryMetadata.updateInfo(
            Array(VendorFeedSite.repomd(href: "repodata/ab-updateinfo.xml.gz", sum: "ab").utf8), location: "r"))
    #expect(entry.href == "repodata/ab-updateinfo.xml.gz")
    #expect(entry.checksum == "ab")
    #expect(entry.checksumType == "sha256")
    #expect(throws: VulnDBError.self) {
        _ = try RepositoryMetadata.updateInfo(Array("<repomd><data".utf8), location: "r")
    }
    let list = "# comment\n\nhttps://cdn.example/al2023/core/guids/1/$basearch\nhttps://other/\n"
    #expect(
        YumUpdateInfoSync.firstMirror(Array(list.utf8), architecture: "aarch64")
            == "https://cdn.example/al2023/core/guids/1/aarch64/")
}
