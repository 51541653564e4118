import DrydockModel
import Foundation
import Testing

@testable import DrydockCatalog

struct LayerMergerTests {
    static let apkPath = "lib/apk/db/installed"

    static func apk(_ packages: [(String, String)]) -> String {
        Samples.apkDatabase(packages.map { Samples.apkRecord($0.0, $0.1) })
    }

    static let alpineBase: [MemoryLayer.Member] = [
        .directory("etc"),
        .file("etc/os-release", Samples.alpineOSRelease),
        .file("etc/alpine-release", "3.10.4\n"),
        .file("etc/passwd", "root:x:0:0:root:/root:/bin/ash\n"),
        .file("bin/busybox", String(repeating: "x", count: 1000)),
        .file(apkPath, apk([("musl", "1.1.22-r3"), ("busybox", "1.30.1-r3"), ("zlib", "1.2.11-r1")])),
    ]

    @Test func singleLayerAlpine() throws {
        let result = try Samples.catalog([Self.alpineBase], artifactName: "alpine:3.10")
        #expect(
            result.inventory.operatingSystem
                == OperatingSystem(
                    family: .alpine, version: "3.10.4", prettyName: "Alpine Linux v3.10", id: "alpine"))
        let target = try #require(result.inventory.targets.first)
        #expect(result.inventory.targets.count == 1)
        #expect(target.name == "alpine:3.10 (alpine 3.10.4)")
        #expect(target.type == "alpine")
        #expect(target.kind == .osPackages)
        #expect(target.packages.map(\.id) == ["busybox@1.30.1-r3", "musl@1.1.22-r3", "zlib@1.2.11-r1"])
        #expect(target.packages.allSatisfy { $0.layer?.diffID == "sha256:0" })
        #expect(target.packages[1].purl == "pkg:apk/alpine/musl@1.1.22-r3?arch=x86_64&distro=3.10.4")
        #expect(result.layers.map(\.packagesIntroduced) == [3])
        #expect(result.inventory.warnings.isEmpty)
    }

    @Test func walkerReadsOnlyWantedFiles() throws {
        let layer = MemoryLayer(Self.alpineBase + [.file("var/lib/dpkg/info/x.md5sums", "abc")])
        let analysis = try LayerWalker(analyzers: ImageCataloger.osAnalyzers)
            .analyze(layer, diffID: nil, location: "test")
        #expect(layer.readPaths == ["etc/os-release", "etc/alpine-release", Self.apkPath])
        #expect(analysis.stats.entries == 7)
        #expect(analysis.stats.filesRead == 3)
        #expect(
            LayerWalker(analyzers: ImageCataloger.osAnalyzers).analyzerFingerprint
                == "os-release:2,apk:1,dpkg:1,dpkg-copyright:1,rpm:1")
    }

    @Test func upgradeInALaterLayerIsAttributedToThatLayer() throws {
        let upgrade: [MemoryLayer.Member] = [
            .file(
                Self.apkPath,
                Self.apk([
                    ("musl", "1.1.22-r4"), ("busybox", "1.30.1-r3"), ("zlib", "1.2.11-r1"), ("curl", "7.66.0-r0"),
                ]))
        ]
        let unrelated: [MemoryLayer.Member] = [.file("app/main", "binary")]
        let third: [MemoryLayer.Member] = [
            .file(
                Self.apkPath,
                Self.apk([
                    ("musl", "1.1.22-r4"), ("busybox", "1.30.1-r3"), ("zlib", "1.2.11-r1"), ("curl", "7.66.0-r0"),
                    ("git", "2.22.2-r0"),
                ]))
        ]
        let result = try Samples.catalog([Self.alpineBase, upgrade, unrelated, third])
        let layers = Dictionary(uniqueKeysWithValues: result.inventory.allPackages.map { ($0.id, $0.layer?.diffID) })
        #expect(
            layers == [
                "busybox@1.30.1-r3": "sha256:0", "zlib@1.2.11-r1": "sha256:0", "musl@1.1.22-r4": "sha256:1",
                "curl@7.66.0-r0": "sha256:1", "git@2.22.2-r0": "sha256:3",
            ])
        #expect(result.layers.map(\.packagesIntroduced) == [2, 2, 0, 1])
    }

    @Test func whiteoutRemovesThePackageDatabase() throws {
        let result = try Samples.catalog([Self.alpineBase, [.whiteout(Self.apkPath)]])
        #expect(result.inventory.operatingSystem?.family == .alpine)
        #expect(result.inventory.targets.count == 1)
        #expect(result.inventory.allPackages.isEmpty)
    }

    @Test func whiteoutOfAnAncestorFolderRemovesIt() throws {
        let result = try Samples.catalog([Self.alpineBase, [.whiteout("lib/apk")]])
        #expect(result.inventory.allPackages.isEmpty)
        let unrelated = try Samples.catalog([Self.alpineBase, [.whiteout("lib/apkx"), .whiteout("etc/passwd")]])
        #expect(unrelated.inventory.allPackages.count == 3)
    }

    @Test func deletedThenReinstalledIsAttributedToTheNewLayer() throws {
        let result = try Samples.catalog([
            Self.alpineBase, [.whiteout(Self.apkPath)], [.file(Self.apkPath, Self.apk([("musl", "1.1.22-r3")]))],
        ])
        #expect(result.inventory.allPackages.map(\.id) == ["musl@1.1.22-r3"])
        #expect(result.inventory.allPackages.first?.layer?.diffID == "sha256:2")
    }

    @Test func opaqueDirectoryHidesLowerContent() throws {
        let base: [MemoryLayer.Member] = [
            .file("etc/os-release", Samples.debianOSRelease),
            .file("etc/debian_version", "12.5\n"),
            .file(
                "var/lib/dpkg/status.d/base-files", "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n"),
            .file(
                "var/lib/dpkg/status.d/libc6",
                "Package: libc6\nSource: glibc\nVersion: 2.36-9+deb12u4\nArchitecture: amd64\n"),
            .file(
                "var/lib/dpkg/status.d/libc6.md5sums",
                "d41d8cd98f00b204e9800998ecf8427e  lib/x86_64-linux-gnu/libc.so.6\n"),
        ]
        let upper: [MemoryLayer.Member] = [
            .opaque("var/lib/dpkg/status.d"),
            .file(
                "var/lib/dpkg/status.d/libssl3",
                "Package: libssl3\nSource: openssl\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n"),
        ]
        let before = try Samples.catalog([base], artifactName: "distroless")
        #expect(before.inventory.allPackages.map(\.id) == ["base-files@12.4+deb12u5", "libc6@2.36-9+deb12u4"])
        let after = try Samples.catalog([base, upper], artifactName: "distroless")
        #expect(after.inventory.allPackages.map(\.id) == ["libssl3@3.0.11-1~deb12u2"])
        #expect(after.inventory.allPackages.first?.layer?.diffID == "sha256:1")
        #expect(after.inventory.targets.first?.name == "distroless (debian 12.5)")
        #expect(after.inventory.operatingSystem?.version == "12.5")
    }

    @Test func opaqueRootHidesEverything() throws {
        let result = try Samples.catalog([Self.alpineBase, [.opaque(""), .file("etc/debian_version", "12.5\n")]])
        #expect(result.inventory.operatingSystem?.family == .debian)
        #expect(result.inventory.allPackages.isEmpty)
    }

    @Test(
        arguments: [
            ("../usr/lib/os-release", true), ("/usr/lib/os-release", true), ("../../../../usr/lib/os-release", true),
            ("./../usr/lib/./os-release", true), ("os-release", false), ("../usr/lib/missing", false),
            ("../etc/os-release", false),
        ])
    func osReleaseSymlinkResolvesInsideTheTree(target: String, resolves: Bool) throws {
        let layer = MemoryLayer([
            .file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
            .symlink("etc/os-release", target),
        ])
        let analysis = try LayerWalker(analyzers: [OSReleaseAnalyzer()]).analyze(layer, diffID: nil, location: "t")
        var tree = MergedTree()
        tree.apply(analysis, layer: 0)
        let resolved = tree.resolve("etc/os-release")
        #expect(resolved?.path == (resolves ? "usr/lib/os-release" : nil))
        // Either way the OS is found: through the link, or from the usr/lib fallback.
        let result = LayerMerger.merge([analysis], references: [LayerReference()], artifactName: "x")
        #expect(result.detectedOS?.id == "debian")
    }

    @Test func symlinkLoopWithoutFallbackGivesNoOS() throws {
        let result = try Samples.catalog([
            [.symlink("etc/os-release", "os-release"), .symlink("etc/alpine-release", "/etc/alpine-release")]
        ])
        #expect(result.detectedOS == nil)
        #expect(result.inventory.targets.isEmpty)
    }

    @Test func symlinkAcrossLayers() throws {
        let lower: [MemoryLayer.Member] = [.symlink("etc/os-release", "../usr/lib/os-release")]
        let upper: [MemoryLayer.Member] = [.file("usr/lib/os-release", "ID=ubuntu\nVERSION_ID=\"22.04\"\n")]
        let result = try Samples.catalog([lower, upper])
        #expect(result.inventory.operatingSystem?.family == .ubuntu)
        #expect(result.inventory.operatingSystem?.version == "22.04")
    }

    @Test func hardlinkToAWantedFile() throws {
        let result = try Samples.catalog([
            [
                .file("usr/lib/os-release", "ID=alpine\nVERSION_ID=3.11.6\n"),
                .hardlink("etc/os-release", "usr/lib/os-release"),
            ]
        ])
        #expect(result.inventory.operatingSystem?.version == "3.11.6")
    }

    @Test func databaseBehindALinkIsReadOnce() throws {
        let result = try Samples.catalog([
            Self.alpineBase,
            [.file("var/lib/dpkg/status", Samples.dpkgStanza("bash", "5.2.15-2+b2"))],
            [
                .hardlink("var/lib/dpkg/status.d/bash", "var/lib/dpkg/status"),
                .symlink("var/lib/dpkg/status.d/zsh", "../missing"),
            ],
        ])
        #expect(result.inventory.allPackages.filter { $0.name == "bash" }.count == 1)
        #expect(result.inventory.allPackages.first { $0.name == "bash" }?.layer?.diffID == "sha256:1")
        #expect(
            result.inventory.warnings == [
                "var/lib/dpkg/status.d/zsh: links to ../missing, which is missing or was not read; ignored"
            ])
    }

    @Test func aFolderReplacingAWantedFileHidesIt() throws {
        let result = try Samples.catalog([Self.alpineBase, [.directory(Self.apkPath)]])
        #expect(result.inventory.allPackages.isEmpty)
        #expect(result.inventory.operatingSystem?.family == .alpine)
    }

    @Test func dpkgWithFileListsAndPurls() throws {
        let status = [
            Samples.dpkgStanza("libc6", "2.36-9+deb12u4", source: "glibc"),
            Samples.dpkgStanza("login", "1:4.13+dfsg1-1+b1", source: "shadow (1:4.13+dfsg1-1)"),
            Samples.dpkgStanza("tar", "1.34+dfsg-1.2+deb12u1"),
        ].joined(separator: "\n")
        let base: [MemoryLayer.Member] = [
            .file("etc/os-release", Samples.debianOSRelease), .file("etc/debian_version", "12.5\n"),
            .file("var/lib/dpkg/status", status),
            .file("var/lib/dpkg/info/tar.list", "/.\n/bin\n/bin/tar\n/usr\n/usr/sbin\n/usr/sbin/tarcat\n"),
            .file("var/lib/dpkg/info/libc6:amd64.list", "/.\n/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu/libc.so.6\n"),
            .file("var/lib/dpkg/info/tar.md5sums", "x"),
        ]
        let result = try Samples.catalog([base], artifactName: "debian:12")
        let packages = result.inventory.allPackages
        #expect(packages.map(\.name) == ["libc6", "login", "tar"])
        #expect(packages[0].installedFiles == ["lib/x86_64-linux-gnu/libc.so.6"])
        #expect(packages[2].installedFiles == ["bin/tar", "usr/sbin/tarcat"])
        #expect(packages[1].installedFiles == [])
        #expect(packages[0].purl == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5")
        #expect(packages[1].purl == "pkg:deb/debian/login@4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12.5&epoch=1")
        #expect(result.inventory.targets.first?.name == "debian:12 (debian 12.5)")
        #expect(result.inventory.targets.first?.type == "debian")
    }

    @Test func ubuntuPurlAndTarget() throws {
        let result = try Samples.catalog(
            [
                [
                    .file("etc/os-release", "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\n"),
                    .file("etc/debian_version", "bookworm/sid\n"),
                    .file("var/lib/dpkg/status", Samples.dpkgStanza("bash", "5.1-6ubuntu1")),
                ]
            ], artifactName: "ubuntu:22.04")
        #expect(result.inventory.targets.first?.name == "ubuntu:22.04 (ubuntu 22.04)")
        #expect(result.inventory.targets.first?.type == "ubuntu")
        #expect(
            result.inventory.allPackages.first?.purl
                == "pkg:deb/ubuntu/bash@5.1-6ubuntu1?arch=amd64&distro=ubuntu-22.04")
        #expect(result.inventory.allPackages.first?.ecosystem == .debian)
    }

    @Test func packagesWithoutAnyReleaseFile() throws {
        let result = try Samples.catalog(
            [[.file(Self.apkPath, Self.apk([("musl", "1.2.4-r2")]))]], artifactName: "scratch")
        #expect(result.inventory.operatingSystem == nil)
        #expect(result.inventory.targets.first?.name == "scratch")
        #expect(result.inventory.targets.first?.type == "alpine")
        #expect(result.inventory.allPackages.first?.purl == "pkg:apk/musl@1.2.4-r2?arch=x86_64")
    }

    @Test func unsupportedDistributionKeepsItsIDInTheTarget() throws {
        let result = try Samples.catalog(
            [
                [
                    .file("etc/os-release", "ID=postmarketos\nVERSION_ID=v23.12\n"),
                    .file(Self.apkPath, Self.apk([("musl", "1.2.4-r2")])),
                ]
            ], artifactName: "example/pmos")
        #expect(result.inventory.operatingSystem?.family == .unknown)
        #expect(result.inventory.targets.first?.name == "example/pmos (postmarketos v23.12)")
        #expect(result.inventory.targets.first?.type == "postmarketos")
        #expect(
            result.inventory.allPackages.first?.purl == "pkg:apk/postmarketos/musl@1.2.4-r2?arch=x86_64&distro=v23.12")
        // The packages keep the apk parser's ecosystem; no distribution's advisories are assumed.
        #expect(result.inventory.allPackages.first?.ecosystem == .alpine)
    }

    @Test func malformedDatabaseInAnUpperLayerHidesTheLowerOneWithAWarning() throws {
        let result = try Samples.catalog([Self.alpineBase, [.bytes(Self.apkPath, [0x00, 0x01, 0x02])]])
        #expect(result.inventory.allPackages.isEmpty)
        #expect(
            result.inventory.warnings == [
                "lib/apk/db/installed: not an apk installed database (binary content); file ignored"
            ])
        #expect(result.layers.map(\.warnings) == [0, 1])
    }

    @Test func recordWarningsReachTheInventory() throws {
        let result = try Samples.catalog([[.file(Self.apkPath, "P:broken\n\nP:ok\nV:1-r0\n")]])
        #expect(result.inventory.allPackages.map(\.id) == ["ok@1-r0"])
        #expect(result.inventory.warnings == ["lib/apk/db/installed:1: record for broken has no version (V:); skipped"])
    }

    @Test func warningsAboutReplacedFilesStayWithTheirLayer() throws {
        let result = try Samples.catalog([
            [.file(Self.apkPath, "P:broken\n\nP:ok\nV:1-r0\n")],
            [.file(Self.apkPath, "P:ok\nV:1-r1\n")],
        ])
        #expect(result.inventory.allPackages.map(\.id) == ["ok@1-r1"])
        #expect(result.inventory.warnings.isEmpty)
        #expect(result.layers.map(\.warnings) == [1, 0])
    }

    @Test func oversizedFileIsNotRead() throws {
        struct TinyApk: CatalogAnalyzer {
            var name: String { "apk" }
            var version: Int { 1 }
            var selector: FileSelector { FileSelector(exactPaths: [LayerMergerTests.apkPath]) }
            var sizeLimit: Int { 10 }
            func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
                .packageDatabase(try ApkInstalledParser.parse(content, path: path))
            }
        }
        let layer = MemoryLayer(Self.alpineBase)
        let analysis = try LayerWalker(analyzers: [TinyApk()]).analyze(layer, diffID: nil, location: "test")
        #expect(layer.readPaths.isEmpty)
        #expect(analysis.files == [LayerFile(path: Self.apkPath, node: .unusable)])
        #expect(analysis.warnings.count == 1)
    }

    @Test func irrelevantWhiteoutsAreNotRecorded() throws {
        let layer = MemoryLayer([
            .whiteout("var/cache/apk/APKINDEX.tar.gz"), .whiteout("lib/apk/db/installed"), .opaque("tmp"),
            .opaque("var/lib/dpkg"), .whiteout("var"), .file("usr/.wh..wh.plnk", ""),
        ])
        let analysis = try LayerWalker(analyzers: ImageCataloger.osAnalyzers).analyze(
            layer, diffID: nil, location: "t")
        #expect(analysis.whiteouts == ["lib/apk/db/installed", "var"])
        #expect(analysis.opaqueDirectories == ["var/lib/dpkg"])
        #expect(analysis.stats.whiteoutMarkers == 6)
    }

    @Test func aFailingStreamIsATypedError() throws {
        let layer = MemoryLayer(Self.alpineBase)
        layer.failAfter = 2
        #expect(throws: CatalogError.self) {
            try LayerWalker(analyzers: ImageCataloger.osAnalyzers).analyze(layer, diffID: nil, location: "layer 0")
        }
    }

    @Test func layerAnalysisSurvivesACodableRoundTrip() throws {
        let layer = MemoryLayer(
            Self.alpineBase + [
                .symlink("usr/lib/os-release", "../../etc/os-release"), .whiteout("var/lib/dpkg/status"),
            ])
        let analysis = try LayerWalker(analyzers: ImageCataloger.osAnalyzers).analyze(
            layer, diffID: "sha256:ab", location: "t")
        let data = try JSONEncoder().encode(analysis)
        let decoded = try JSONDecoder().decode(LayerAnalysis.self, from: data)
        #expect(decoded == analysis)
        #expect(decoded.files.count == 4)
    }
}
