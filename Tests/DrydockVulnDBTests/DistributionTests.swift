import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// The DB artifact's manifest, feed shards, the update lock and atomic files (no network).
struct DistributionTests {
    static let metadata = DatabaseMetadata(
        schemaVersion: 2, builtAt: Date(timeIntervalSince1970: 1_700_000_000),
        nextUpdate: Date(timeIntervalSince1970: 1_700_086_400), digest: "sha256:" + String(repeating: "ab", count: 32),
        drydockVersion: "test", sources: [])

    static func manifest(
        configType: String = DatabaseArtifact.configMediaType, layerType: String = DatabaseArtifact.layerMediaType
    ) -> [UInt8] {
        DatabaseArtifact.manifest(
            metadata: metadata,
            config: .init(mediaType: configType, digest: "sha256:" + String(repeating: "01", count: 32), size: 300),
            bundle: .init(mediaType: layerType, digest: "sha256:" + String(repeating: "02", count: 32), size: 9216))
    }

    @Test func manifestRoundTrip() throws {
        let bytes = Self.manifest()
        let parsed = try DatabaseArtifact.parse(bytes, location: "test")
        #expect(parsed.databaseDigest == Self.metadata.digest)
        #expect(parsed.schemaVersion == 2)
        #expect(parsed.builtAt == Self.metadata.builtAt)
        #expect(parsed.bundle.size == 9216)
        #expect(parsed.bundle.digest.hasSuffix("0202"))
        #expect(parsed.config.size == 300)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["mediaType"] as? String == "application/vnd.oci.image.manifest.v1+json")
        #expect(object["artifactType"] as? String == DatabaseArtifact.artifactType)
        #expect(Self.manifest() == bytes, "the same DB gives the same manifest bytes")
    }

    @Test(arguments: [
        (#"{"schemaVersion": 2}"#, "config"),
        ("not json", "JSON"),
        (
            #"{"config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:00", "size": 2}, "layers": []}"#,
            "image"
        ),
        (
            #"{"config": {"mediaType": "application/vnd.drydock.db.config.v1+json", "digest": "sha256:00", "size": 2}, "layers": []}"#,
            "no layer"
        ),
        (
            #"{"config": {"mediaType": "application/vnd.drydock.db.config.v1+json", "digest": "sha256:00", "size": 2}, "layers": [{"mediaType": "application/vnd.drydock.db.layer.v1.tar", "digest": "sha256:01", "size": 3}]}"#,
            "dev.drydock.db.digest"
        ),
    ])
    func refusesWhatIsNotADatabaseArtifact(document: String, reason: String) {
        #expect {
            try DatabaseArtifact.parse(Array(document.utf8), location: "r")
        } throws: { error in
            let error = error as? VulnDBError
            return error?.code == .verificationFailed && error?.reason.contains(reason) == true
        }
    }

    static func package(_ name: String, _ ecosystem: Ecosystem) -> Package {
        Package(name: name, version: "1.0", ecosystem: ecosystem)
    }

    @Test(arguments: [
        (OperatingSystem(family: .alpine, version: "3.19.1"), [Ecosystem.pypi], ["alpine/v3.19", "osv/PyPI"]),
        (OperatingSystem(family: .debian, version: "12.5"), [.npm, .go], ["debian", "osv/Go", "osv/npm"]),
        (OperatingSystem(family: .unknown, version: "1"), [.cratesIO], ["osv/crates.io"]),
        (OperatingSystem(family: .oracle, version: "9.3"), [], ["oracle"]),
        (OperatingSystem(family: .photon, version: "5.0"), [], ["photon/5.0"]),
        (OperatingSystem(family: .azureLinux, version: "3.0"), [], ["azure/3.0"]),
        (OperatingSystem(family: .cblMariner, version: "2.0.20240123"), [], ["mariner/2.0"]),
        (OperatingSystem(family: .wolfi, version: "20230201"), [], ["wolfi"]),
        (OperatingSystem(family: .chainguard, version: "20230214"), [], ["chainguard"]),
        (OperatingSystem(family: .ubuntu, version: "22.04"), [], ["osv/Ubuntu"]),
        (OperatingSystem(family: .rocky, version: "9.3"), [], ["osv/Rocky Linux"]),
        (OperatingSystem(family: .redhat, version: "9.3"), [], ["redhat"]),
        (OperatingSystem(family: .centos, version: "7"), [], ["redhat"]),
        (OperatingSystem(family: .sles, version: "15.5"), [], ["suse"]),
        (OperatingSystem(family: .openSUSETumbleweed, version: "20240101"), [], ["suse"]),
        (OperatingSystem(family: .amazon, version: "2023"), [], ["amazon/2023"]),
        (OperatingSystem(family: .fedora, version: "40"), [], ["fedora/40"]),
    ])
    func shardsNeededByAnInventory(os: OperatingSystem, ecosystems: [Ecosystem], expected: [String]) {
        let osPackages = [Self.package("base", os.family == .alpine ? .alpine : .debian)]
        let inventory = Inventory(
            operatingSystem: os,
            targets: [
                InventoryTarget(kind: .osPackages, name: "os", type: "os", packages: osPackages),
                InventoryTarget(
                    kind: .languagePackages, name: "app", type: "lang",
                    packages: ecosystems.map { Self.package("p", $0) }),
            ])
        #expect(DatabaseShards.needed(for: inventory).sorted() == expected)
    }

    @Test func configurationLimitedToShards() throws {
        let standard = try FeedConfiguration.standard(environment: [:])
        let limited = DatabaseShards.configuration(
            standard, limitedTo: ["osv/PyPI", "alpine/v3.20", "photon/5.0", "oracle", "redhat", "amazon/2"])
        #expect(limited.ecosystems == ["PyPI"])
        #expect(limited.alpineReleases == ["v3.20"])
        #expect(limited.vendor.shards == ["amazon/2", "oracle", "photon/5.0", "redhat"])
        #expect(limited.shards == ["alpine/v3.20", "amazon/2", "oracle", "osv/PyPI", "photon/5.0", "redhat"])
        #expect(
            VendorFeedConfiguration.isVendorShard("fedora/40") && !VendorFeedConfiguration.isVendorShard("fedora/x"))
        #expect(!VendorFeedConfiguration.isVendorShard("amazon/3") && !VendorFeedConfiguration.isVendorShard("debian"))
        #expect(limited.debianTrackerURL == nil)
        let withDebian = DatabaseShards.configuration(standard, limitedTo: ["debian"])
        #expect(withDebian.debianTrackerURL == standard.debianTrackerURL && withDebian.ecosystems.isEmpty)
        // A DB updated before shards were recorded: its sources say what it holds.
        var old = Self.metadata
        old.sources = [
            .init(name: "osv/Go", format: "osv", timestamp: nil, sha256: "", records: 1),
            .init(name: "debian-tracker", format: "debian", timestamp: nil, sha256: "", records: 1),
        ]
        #expect(DatabaseShards.present(in: old, configuration: limited) == ["osv/Go", "debian"])
        old.shards = ["osv/npm"]
        #expect(DatabaseShards.present(in: old, configuration: limited) == ["osv/npm"])
    }

    @Test func shardListsFromTheEnvironment() throws {
        let environment = ["DRYDOCK_DB_ECOSYSTEMS": "PyPI, Go", "DRYDOCK_DB_ALPINE_RELEASES": "none"]
        let configuration = try FeedConfiguration.standard(environment: environment)
        #expect(configuration.ecosystems == ["PyPI", "Go"])
        #expect(configuration.alpineReleases.isEmpty)
        #expect(DatabaseShards.configured(environment: environment) == ["osv/PyPI", "osv/Go"])
        #expect(try FeedConfiguration.standard(environment: [:]).ecosystems == FeedConfiguration.defaultEcosystems)
        #expect(FeedConfiguration.list("  ") == nil)
    }

    @Test func updateLockIsExclusiveAndBounded() async throws {
        let directory = try VulnDBTestSupport.makeScratchDirectory("lock")
        let database = directory + "/db/drydock.db"
        let first = try #require(try await DatabaseUpdateLock.acquire(forDatabase: database, timeout: 1))
        #expect(first.path == directory + "/db/.drydock.db.lock")
        let start = Date()
        let second = try await DatabaseUpdateLock.acquire(forDatabase: database, timeout: 0.3, pollInterval: 0.05)
        #expect(second == nil)
        #expect(Date().timeIntervalSince(start) >= 0.3)
        first.release()
        let third = try await DatabaseUpdateLock.acquire(forDatabase: database, timeout: 1)
        #expect(third != nil)
    }

    @Test func atomicFileReplacesOnlyOnCommit() throws {
        let directory = try VulnDBTestSupport.makeScratchDirectory("atomic")
        let path = directory + "/file"
        try AtomicFile.write(Array("old".utf8), to: path)
        let abandoned = try AtomicFile(destination: path)
        try abandoned.write(Array("half".utf8))
        abandoned.abandon()
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        #expect(!FileManager.default.fileExists(atPath: abandoned.temporaryPath))
        let committed = try AtomicFile(destination: path)
        try committed.write(Array("new".utf8))
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8), "not visible before commit")
        try committed.commit()
        #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["file"])
    }
}
