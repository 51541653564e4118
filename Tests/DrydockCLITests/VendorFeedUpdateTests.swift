import DrydockTestSupport
import Foundation
import Testing

/// `db update --vendor-feeds` against a local feed server holding the real vendor files (and a Wolfi and a
/// Chainguard `security.json` in the published layout, written by the test from the real Wolfi advisories:
/// no unmodified copy of either exists): every file is fetched once, then only asked about (`If-None-Match`,
/// answered `304`), and images of the feeds' distributions are covered by the updated DB.
@Suite(
    "Vendor feeds through db update",
    .enabled(if: FeedServer.isAvailable && PackagePaths.hasShared, "python3 and ../shared are needed"))
struct VendorFeedUpdateTests {
    /// A secdb as wolfictl writes it: each advisory's `CGA-` ID followed by its aliases.
    static func secdb(prefix: String, repository: String) -> String {
        """
        {
          "apkurl": "{{urlprefix}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",
          "archs": ["x86_64"],
          "reponame": "\(repository)",
          "urlprefix": "\(prefix)",
          "packages": [
            {"pkg": {"name": "openssl", "secfixes": {
              "3.3.1-r3": ["CGA-3mrr-589r-46qj", "CVE-2024-5535", "GHSA-4fc7-mvrr-wv2c"],
              "3.4.1-r0": ["CGA-5f6m-q4w3-hpmr", "CVE-2024-12797"],
              "0": ["CVE-2023-0466"]
            }}}
          ]
        }
        """
    }

    static func run(_ arguments: [String], environment extra: [String: String]) throws -> ProcessRunner.Result {
        var environment = LayerCacheIsolation.isolated(ProcessInfo.processInfo.environment)
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        return try ProcessRunner.run(PackagePaths.drydock, arguments, environment: environment)
    }

    @Test("fetched once, then 304 Not Modified; Chainguard and Azure Linux images are covered")
    func conditionalUpdates() throws {
        let site = try PackagePaths.temporaryDirectory("vendor-feeds")
        let manager = FileManager.default
        func place(_ source: String, _ target: String) throws {
            let url = site.appendingPathComponent(target)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: URL(fileURLWithPath: VendorCorpus.advisories(source)), to: url)
        }
        try place("oracle-oval-excerpt/com.oracle.elsa-all.xml.bz2", "oracle/com.oracle.elsa-all.xml.bz2")
        try place("azurelinux-oval/azurelinux-3.0-oval.xml", "microsoft/azurelinux-3.0-oval.xml")
        try place("photon/cve-metadata-canonicalized/5.0.json", "photon/photon_cve_metadata/cve_data_photon5.0.json")
        for (folder, prefix, repository) in [
            ("wolfi", "https://packages.wolfi.dev", "os"), ("chainguard", "https://packages.cgr.dev", "chainguard"),
        ] {
            try manager.createDirectory(at: site.appendingPathComponent(folder), withIntermediateDirectories: true)
            try Data(Self.secdb(prefix: prefix, repository: repository).utf8)
                .write(to: site.appendingPathComponent("\(folder)/security.json"))
        }
        let server = try FeedServer(root: site)
        defer { server.stop() }
        let base = server.baseURL.absoluteString
        let environment = [
            "DRYDOCK_ORACLE_OVAL_URL": base + "/oracle/com.oracle.elsa-all.xml.bz2",
            "DRYDOCK_PHOTON_URL": base + "/photon", "DRYDOCK_MICROSOFT_OVAL_URL": base + "/microsoft",
            "DRYDOCK_WOLFI_SECDB_URL": base + "/wolfi/security.json",
            "DRYDOCK_CHAINGUARD_SECDB_URL": base + "/chainguard/security.json",
        ]
        let cache = try PackagePaths.temporaryDirectory("cache").path
        let arguments = [
            "db", "update", "--cache-dir", cache, "--ecosystems", "none", "--alpine-releases", "none", "--no-debian",
            "--vendor-feeds", "oracle,photon/5.0,azure/3.0,wolfi,chainguard",
        ]
        let first = try Self.run(arguments, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.output.contains("vendor feed files downloaded: 5, unchanged: 0"), "\(first.output)")
        #expect(first.stderr.contains("com.vmware.phsa-photon5.xml: not found"), "Photon 5 publishes no OVAL here")
        #expect(server.requests().count == 6)

        try server.clearRequests()
        let second = try Self.run(arguments, environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.output.contains("vendor feed files downloaded: 0, unchanged: 5"), "\(second.output)")
        #expect(server.requests().count == 6)
        #expect(server.notModified().count == 5)

        let database = cache + "/db/drydock.db"
        let chainguard = try VendorCorpus.image(
            id: "chainguard", version: "20230214",
            files: ["lib/apk/db/installed": .file("P:libcrypto3\nV:3.3.1-r0\nA:x86_64\no:openssl\n")])
        let (scan, report) = try CLI.scanJSON(chainguard.path, database: database, extra: ["--skip-db-update"])
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(
            VendorCorpus.lines(report) == [
                "libcrypto3 3.3.1-r0 CVE-2024-12797 3.4.1-r0 fixed", "libcrypto3 3.3.1-r0 CVE-2024-5535 3.3.1-r3 fixed",
            ])
        #expect(VendorCorpus.coverage(report)["Namespace"] as? String == "Chainguard")
        #expect(VendorCorpus.coverage(report)["Feeds"] as? [String] == ["Chainguard secdb"])
        let vulnerability = (report["Results"] as? [[String: Any]])?.first?["Vulnerabilities"] as? [[String: Any]]
        #expect((vulnerability?.first?["VendorIDs"] as? [String])?.contains("CGA-5f6m-q4w3-hpmr") == true)

        let azure = try VendorCorpus.image(
            id: "azurelinux", version: "3.0",
            files: [
                "var/lib/rpm/rpmdb.sqlite": .bytes(
                    try DistroFixtures.rpmSQLite([.init("zlib", version: "1.3", release: "1.azl3")]))
            ])
        let (azureScan, azureReport) = try CLI.scanJSON(azure.path, database: database, extra: ["--skip-db-update"])
        #expect(azureScan.status == 0, "\(azureScan.stderr)")
        #expect(VendorCorpus.coverage(azureReport)["State"] as? String == "covered")
        #expect(VendorCorpus.lines(azureReport).contains { $0.hasPrefix("zlib 1.3-1.azl3 CVE-") })
    }
}
