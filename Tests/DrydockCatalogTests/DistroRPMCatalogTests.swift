import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

@Suite("RPM databases in scans")
struct DistroRPMCatalogTests {
    static func header(_ name: String, epoch: Int32? = nil, _ version: String, _ release: String, source: String)
        -> [UInt8]
    {
        RPMHeaderBuilder.package(
            name: name, epoch: epoch, version: version, release: release,
            sourceRPM: "\(source)-\(version)-\(release).src.rpm", license: "OpenSSL",
            files: ["/usr/lib64/", "/usr/lib64/lib\(name).so.3"]
        ).build()
    }

    static let rockyRelease = DistroFixtures.osRelease(id: "rocky", versionID: "9.3", prettyName: "Rocky Linux 9.3")

    @Test(
        "Berkeley DB in var/lib/rpm: Rocky packages, purls, source packages, files, the upgrading layer; no gpg-pubkey"
    )
    func rockyLayers() throws {
        let base = [
            Self.header("openssl-libs", epoch: 1, "3.0.7", "24.el9", source: "openssl"),
            Self.header("zlib", "1.2.11", "40.el9", source: "zlib"),
            RPMHeaderBuilder.package(name: "gpg-pubkey", version: "350d275d", release: "6169ca1b", arch: nil).build(),
        ]
        let upgraded = [base[0], Self.header("zlib", "1.2.11", "41.el9", source: "zlib"), base[2]]
        let result = try Samples.catalog([
            [
                .file("etc/os-release", Self.rockyRelease),
                .bytes("var/lib/rpm/Packages", RPMContainerBuilder.berkeleyHash(base)),
            ],
            [.bytes("var/lib/rpm/Packages", RPMContainerBuilder.berkeleyHash(upgraded))],
        ])
        #expect(result.inventory.operatingSystem?.family == .rocky)
        let target = try #require(result.inventory.targets.first)
        #expect(target.name == "test:1 (rocky 9.3)")
        #expect(target.type == "rocky")
        let packages = target.packages
        #expect(packages.map(\.name) == ["openssl-libs", "zlib"])
        #expect(packages.allSatisfy { $0.ecosystem == .rockyLinux })
        let openssl = packages[0]
        #expect(openssl.version == "1:3.0.7-24.el9")
        #expect(openssl.sourceName == "openssl")
        #expect(openssl.sourceVersion == nil)
        #expect(openssl.licenses == ["OpenSSL"])
        #expect(openssl.installedFiles == ["usr/lib64/libopenssl-libs.so.3"])
        #expect(openssl.purl == "pkg:rpm/rocky/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rocky-9.3&epoch=1")
        #expect(openssl.layer?.diffID == "sha256:0")
        #expect(packages[1].version == "1.2.11-41.el9")
        #expect(packages[1].layer?.diffID == "sha256:1")
    }

    @Test("NDB at usr/lib/sysimage/rpm on SLES: SUSE ecosystem and purl namespace")
    func slesNDB() throws {
        let result = try Samples.catalog([
            [
                .file("etc/os-release", DistroFixtures.osRelease(id: "sles", versionID: "15.5")),
                .bytes(
                    "usr/lib/sysimage/rpm/Packages.db",
                    RPMContainerBuilder.ndb([Self.header("libopenssl3", "3.0.8", "150500.5.20.1", source: "openssl-3")])
                ),
            ]
        ])
        let package = try #require(result.inventory.allPackages.first)
        #expect(package.ecosystem == .suse)
        #expect(package.sourceName == "openssl-3")
        #expect(package.purl == "pkg:rpm/suse/libopenssl3@3.0.8-150500.5.20.1?arch=x86_64&distro=suse-15.5")
        #expect(result.inventory.targets.first?.type == OSFamily.sles.rawValue)
    }

    @Test("CBL-Mariner distroless: the container manifest instead of a database")
    func marinerManifest() throws {
        let line = [
            "openssl-libs", "1.1.1k-27.cm2", "1700000000", "1690000000", "Microsoft Corporation", "(none)", "4096",
            "x86_64", "0", "openssl-1.1.1k-27.cm2.src.rpm",
        ].joined(separator: "\t")
        let result = try Samples.catalog([
            [
                .file("etc/os-release", DistroFixtures.osRelease(id: "mariner", versionID: "2.0")),
                .file(RPMManifestParser.path, line + "\n"),
            ]
        ])
        let package = try #require(result.inventory.allPackages.first)
        #expect(package.ecosystem == .mariner)
        #expect(package.version == "1.1.1k-27.cm2")
        #expect(package.sourceName == "openssl")
        #expect(package.purl == "pkg:rpm/cbl-mariner/openssl-libs@1.1.1k-27.cm2?arch=x86_64&distro=cbl-mariner-2.0")
    }

    @Test(
        "the real CBL-Mariner rpmdb.sqlite: every package is Mariner's",
        .enabled(if: CatalogFixtures.sharedFileAvailable("go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite")))
    func realMarinerDatabase() throws {
        let file = try #require(CatalogFixtures.sharedFile("go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite"))
        let bytes = [UInt8](try Data(contentsOf: file))
        let result = try Samples.catalog([
            [
                .file("etc/os-release", DistroFixtures.osRelease(id: "mariner", versionID: "2.0")),
                .bytes("var/lib/rpm/rpmdb.sqlite", bytes),
            ]
        ])
        let direct = try RPMDatabaseParser.parse(bytes, path: "rpmdb.sqlite")
        #expect(
            result.inventory.allPackages.map(\.name).sorted()
                == direct.packages.map(\.name).filter { $0 != "gpg-pubkey" }.sorted())
        #expect(result.inventory.allPackages.count > 10)
        #expect(result.inventory.allPackages.allSatisfy { $0.ecosystem == .mariner })
        #expect(result.inventory.operatingSystem?.advisoryRelease == "2.0")
    }

    @Test("an RPM database without an RPM distribution keeps its packages but claims no distribution")
    func rpmWithoutDistribution() throws {
        let database = RPMContainerBuilder.berkeleyHash([Self.header("zlib", "1.2.11", "40.el9", source: "zlib")])
        let bare = try Samples.catalog([[.bytes("var/lib/rpm/Packages", database)]], artifactName: "scratch")
        #expect(bare.inventory.operatingSystem == nil)
        #expect(bare.inventory.targets.first?.type == "unknown")
        #expect(bare.inventory.allPackages.first?.ecosystem == RPMAnalyzer.placeholderEcosystem)
        #expect(bare.inventory.allPackages.first?.purl == "pkg:rpm/zlib@1.2.11-40.el9?arch=x86_64")
        let onDebian = try Samples.catalog([
            [
                .file("etc/os-release", DistroFixtures.osRelease(id: "debian", versionID: "12")),
                .bytes("var/lib/rpm/Packages", database),
            ]
        ])
        #expect(onDebian.inventory.allPackages.first?.ecosystem == RPMAnalyzer.placeholderEcosystem)
    }

    @Test("rootfs and images read rpm databases; project folders (fs) do not")
    func analyzersPerMode() {
        #expect(ImageCataloger.defaultAnalyzers.contains { $0.name == "rpm" })
        #expect(DirectoryCataloger.defaultAnalyzers(for: .rootfs).contains { $0.name == "rpm" })
        #expect(!DirectoryCataloger.defaultAnalyzers(for: .filesystem).contains { $0.name == "rpm" })
    }

    @Test("Wolfi's apk packages belong to Wolfi, purl namespace wolfi")
    func wolfiApk() throws {
        let record = "P:glibc\nV:2.38-r5\nA:x86_64\no:glibc\n\n"
        let result = try Samples.catalog([
            [
                .file("etc/os-release", DistroFixtures.osRelease(id: "wolfi", versionID: "20230201")),
                .file("lib/apk/db/installed", record),
            ]
        ])
        let package = try #require(result.inventory.allPackages.first)
        #expect(package.ecosystem == .wolfi)
        #expect(package.purl == "pkg:apk/wolfi/glibc@2.38-r5?arch=x86_64&distro=20230201")
    }
}
