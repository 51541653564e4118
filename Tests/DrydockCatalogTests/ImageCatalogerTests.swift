import DrydockImage
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// End to end: images built with the system `tar`, opened by `DrydockImage`, catalogued here.
struct ImageCatalogerTests {
    static let apkPath = "lib/apk/db/installed"

    static func apk(_ packages: [(String, String)]) -> FileSpec {
        .file(Samples.apkDatabase(packages.map { Samples.apkRecord($0.0, $0.1) }))
    }

    /// An Alpine-like image: base, an `apk upgrade` + `apk add`, an unrelated layer, a cleanup layer.
    static let alpineLayers: [[String: FileSpec]] = [
        [
            "usr/lib/os-release": .file(Samples.alpineOSRelease),
            "etc/os-release": .symlink("../usr/lib/os-release"),
            "etc/alpine-release": .file("3.10.4\n"),
            "bin/busybox": .bytes(Array(repeating: 0x7f, count: 70_000)),
            apkPath: apk([("musl", "1.1.22-r3"), ("busybox", "1.30.1-r3"), ("zlib", "1.2.11-r1")]),
        ],
        [
            apkPath: apk([
                ("musl", "1.1.22-r4"), ("busybox", "1.30.1-r3"), ("zlib", "1.2.11-r1"), ("curl", "7.66.0-r0"),
            ])
        ],
        ["app/server": .file("#!/bin/sh\necho hi\n"), "etc/motd": .whiteout],
        ["var/cache/apk": .opaque],
    ]
    static let createdBy = [
        "ADD rootfs.tar /", "RUN apk upgrade && apk add curl", "COPY server /app/", "RUN rm -rf /var/cache/apk",
    ]

    @Test(arguments: [false, true])
    func multiLayerDockerArchive(gzipLayers: Bool) throws {
        let url = try ImageFixtures.dockerArchive(
            layers: Self.alpineLayers, config: .init(createdBy: Self.createdBy), repoTags: ["test/alpine:1"],
            gzipLayers: gzipLayers)
        let archive = try ImageArchive.open(url.path)
        let result = try ImageCataloger(analyzers: ImageCataloger.osAnalyzers).catalog(
            archive, artifactName: "test/alpine:1")
        let diffIDs = archive.image.config.diffIDs
        #expect(diffIDs.count == 4)

        #expect(result.inventory.operatingSystem?.family == .alpine)
        #expect(result.inventory.operatingSystem?.version == "3.10.4")
        let target = try #require(result.inventory.targets.first)
        #expect(target.name == "test/alpine:1 (alpine 3.10.4)")
        #expect(
            target.packages.map(\.id) == ["busybox@1.30.1-r3", "curl@7.66.0-r0", "musl@1.1.22-r4", "zlib@1.2.11-r1"])
        let layerOf = Dictionary(uniqueKeysWithValues: target.packages.map { ($0.name, $0.layer) })
        #expect(layerOf["busybox"]??.diffID == diffIDs[0])
        #expect(layerOf["zlib"]??.diffID == diffIDs[0])
        #expect(layerOf["musl"]??.diffID == diffIDs[1])
        #expect(layerOf["curl"]??.diffID == diffIDs[1])
        #expect(layerOf["curl"]??.createdBy == Self.createdBy[1])
        #expect(result.layers.map(\.packagesIntroduced) == [2, 2, 0, 0])
        #expect(result.layers.map(\.stats.filesRead) == [3, 1, 0, 0])
        #expect(result.layers.allSatisfy { $0.stats.entries > 0 })
    }

    @Test func ociLayoutWithDistrolessDebian() throws {
        let base: [String: FileSpec] = [
            "usr/lib/os-release": .file(Samples.debianOSRelease),
            "etc/os-release": .hardlink("usr/lib/os-release"),
            "etc/debian_version": .file("12.5\n"),
            "var/lib/dpkg/status.d/base-files": .file(
                "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n"),
            "var/lib/dpkg/status.d/libc6": .file(
                "Package: libc6\nSource: glibc\nVersion: 2.36-9+deb12u4\nArchitecture: amd64\n"),
            "var/lib/dpkg/status.d/libc6.md5sums": .file("0123  lib/x86_64-linux-gnu/libc.so.6\n"),
        ]
        let upper: [String: FileSpec] = [
            "var/lib/dpkg/status.d/libc6": .whiteout,
            "var/lib/dpkg/status.d/libssl3": .file(
                "Package: libssl3\nSource: openssl\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n"),
        ]
        let url = try ImageFixtures.ociLayout(images: [
            ImageFixtures.ImageSpec(layers: [base, upper], tags: ["distroless:1"])
        ])
        let archive = try ImageArchive.open(url.path)
        let result = try ImageCataloger().catalog(archive, artifactName: "distroless:1")
        let packages = result.inventory.allPackages
        #expect(packages.map(\.id) == ["base-files@12.4+deb12u5", "libssl3@3.0.11-1~deb12u2"])
        #expect(packages.map(\.layer?.diffID) == archive.image.config.diffIDs)
        #expect(packages[1].purl == "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5")
        #expect(result.inventory.targets.first?.name == "distroless:1 (debian 12.5)")
        #expect(result.detectedOS?.operatingSystem.prettyName == "Debian GNU/Linux 12 (bookworm)")
    }

    @Test func truncatedLayerIsATypedError() throws {
        let url = try ImageFixtures.dockerArchive(layers: Self.alpineLayers, compressOuter: false) { stage in
            let manifest =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: stage.appendingPathComponent("manifest.json"))) as? [[String: Any]]
            let layer = try #require((manifest?.first?["Layers"] as? [String])?.first)
            let file = stage.appendingPathComponent(layer)
            let bytes = try Data(contentsOf: file)
            try bytes.prefix(bytes.count / 2).write(to: file)
        }
        // Opening reads only the JSON documents, so the cut layer is met while cataloguing: a typed error
        // naming the image, with the image module's reason underneath.
        let archive = try ImageArchive.open(url.path)
        let error = try #require(throws: CatalogError.self) { try ImageCataloger().catalog(archive) }
        #expect(error.code == .unreadableLayer)
        #expect(error.underlying != nil)
    }

    struct RealImage: Sendable, CustomTestStringConvertible {
        var file: String
        var tag: String
        var testDescription: String { file }
    }

    static let realImages = [
        RealImage(file: "fixtures/images/alpine-310.tar.gz", tag: "alpine:3.10"),
        RealImage(file: "fixtures/images/alpine-311.tar.gz", tag: "alpine:3.11"),
    ]

    /// The real Alpine images in `../shared`; the oracle is the system `tar` plus `grep` on the same files.
    @Test(.enabled(if: Shared.available("fixtures/images")), arguments: realImages)
    func realAlpineImages(_ real: RealImage) throws {
        let url = try Shared.file(real.file)
        let root = try CatalogFixtures.extractFromImage(url, paths: ["etc/alpine-release", Self.apkPath])
        let expectedVersion = try String(contentsOf: root.appendingPathComponent("etc/alpine-release"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let database = root.appendingPathComponent(Self.apkPath)
        let names = try CatalogFixturesHelpers.grep("^P:", in: database).map { String($0.dropFirst(2)) }

        let archive = try ImageArchive.open(url.path)
        let result = try ImageCataloger(analyzers: ImageCataloger.osAnalyzers).catalog(archive, artifactName: real.tag)
        #expect(result.inventory.operatingSystem?.family == .alpine)
        #expect(result.inventory.operatingSystem?.version == expectedVersion)
        if real.tag == "alpine:3.10" { #expect(expectedVersion == "3.10.4") }
        if real.tag == "alpine:3.11" { #expect(expectedVersion.hasPrefix("3.11.")) }
        let target = try #require(result.inventory.targets.first)
        #expect(target.name == "\(real.tag) (alpine \(expectedVersion))")
        #expect(target.type == "alpine")
        #expect(!names.isEmpty)
        #expect(target.packages.count == names.count)
        #expect(target.packages.map(\.name) == names.sorted())
        let diffIDs = archive.image.config.diffIDs
        #expect(target.packages.allSatisfy { $0.layer?.diffID == diffIDs.first })
        #expect(target.packages.allSatisfy { $0.purl?.hasSuffix("distro=\(expectedVersion)") == true })
        #expect(result.inventory.warnings.isEmpty)
        #expect(result.layers.first?.stats.filesRead == 3)
    }
}
