import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

@Suite("OCI image layouts")
struct OCILayoutTests {
    static let images: [ImageFixtures.ImageSpec] = [
        .init(layers: [["etc/version": .file("one\n")]], config: .init(createdBy: ["ADD one /"]), tags: ["v1"]),
        .init(
            layers: [["etc/version": .file("two\n")], ["usr/bin/tool": .file("t")]],
            config: .init(createdBy: ["ADD two /", "COPY tool"]), tags: ["v2"]),
    ]

    static func version(_ archive: ImageArchive) throws -> String {
        String(decoding: try collectLayers(archive)[0]["etc/version"]?.content ?? [], as: UTF8.self)
    }

    struct Variant: CustomStringConvertible, Sendable {
        var nested: Bool
        var packAsTar: Bool
        var compressOuter: Bool
        var description: String { "nested=\(nested) tar=\(packAsTar) gzip=\(compressOuter)" }
    }

    @Test(
        "two tags: PATH:TAG selects, no tag lists the tags",
        arguments: [
            Variant(nested: false, packAsTar: false, compressOuter: false),
            Variant(nested: true, packAsTar: false, compressOuter: false),
            Variant(nested: false, packAsTar: true, compressOuter: false),
            Variant(nested: true, packAsTar: true, compressOuter: true),
        ])
    func selectByTag(variant: Variant) throws {
        let url = try ImageFixtures.ociLayout(
            images: Self.images, nestedIndex: variant.nested, packAsTar: variant.packAsTar,
            compressOuter: variant.compressOuter)
        let v2 = try ImageArchive.open(url.path + ":v2")
        #expect(v2.format == (variant.packAsTar ? .ociArchive : .ociLayout))
        #expect(v2.image.layers.count == 2)
        #expect(v2.image.layers.map(\.reference.createdBy) == ["ADD two /", "COPY tool"])
        #expect(v2.image.layers.allSatisfy { $0.reference.digest?.hasPrefix("sha256:") == true })
        #expect(v2.image.layers.map(\.reference.diffID) == v2.image.config.diffIDs)
        #expect(v2.image.repoTags == ["v2"])
        #expect(try Self.version(v2) == "two\n")
        #expect(try Self.version(try ImageArchive.open(url.path + ":v1")) == "one\n")
        let none = try #require(throws: ImageError.self) { try ImageArchive.open(url.path) }
        #expect(none.code == .tagNotFound)
        #expect(none.reason.contains("v1") && none.reason.contains("v2"))
        let absent = try #require(throws: ImageError.self) { try ImageArchive.open(url.path + ":v3") }
        #expect(absent.code == .tagNotFound)
        #expect(absent.reason.contains("v1, v2"))
    }

    @Test("a layout with one image needs no tag; the config digest is the descriptor's")
    func singleImage() throws {
        let url = try ImageFixtures.ociLayout(images: [Self.images[0]], gzipLayers: false)
        let archive = try ImageArchive.open(url.path)
        #expect(try Self.version(archive) == "one\n")
        let manifestDigest = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("index.json")))
                as? [String: Any])
                .flatMap { ($0["manifests"] as? [[String: Any]])?.first?["digest"] as? String })
        let manifest = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: url.appendingPathComponent("blobs/sha256/" + manifestDigest.dropFirst(7))))
                as? [String: Any])
        #expect((manifest["config"] as? [String: Any])?["digest"] as? String == archive.image.configDigest)
    }

    @Test("a missing layer blob is malformedManifest naming the digest")
    func missingBlob() throws {
        var removed = ""
        let url = try ImageFixtures.ociLayout(images: [Self.images[0]]) { root in
            let index = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("index.json")))
                    as? [String: Any])
            let digest = try #require((index["manifests"] as? [[String: Any]])?.first?["digest"] as? String)
            let manifest = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: root.appendingPathComponent("blobs/sha256/" + digest.dropFirst(7))))
                    as? [String: Any])
            removed = try #require((manifest["layers"] as? [[String: Any]])?.first?["digest"] as? String)
            try FileManager.default.removeItem(at: root.appendingPathComponent("blobs/sha256/" + removed.dropFirst(7)))
        }
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(url.path) }
        #expect(error.code == .malformedManifest)
        #expect(error.reason.contains(removed))
    }

    @Test("a directory that is not a layout is malformedArchive")
    func notALayout() throws {
        let dir = try ImageFixtures.temporaryDirectory()
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(dir.path) }
        #expect(error.code == .malformedArchive)
    }
}

@Suite("PATH:TAG parsing and tag matching")
struct ArchiveTargetTests {
    @Test("a path that exists with a colon in its name wins over splitting")
    func colonInName() throws {
        let dir = try ImageFixtures.temporaryDirectory()
        let url = try ImageFixtures.dockerArchive(layers: [["a": .file("1")]], repoTags: ["x/y:1"])
        let odd = dir.appendingPathComponent("image:1.tar")
        try FileManager.default.copyItem(at: url, to: odd)
        #expect(try ImageArchive.open(odd.path).image.repoTags == ["x/y:1"])
        #expect(try ImageArchive.open(odd.path + ":x/y:1").image.repoTags == ["x/y:1"])
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(dir.path + "/nope.tar:x/y:1") }
        #expect(error.code == .notFound)
    }
}

@Suite("OCI multi-platform indexes")
struct OCIPlatformTests {
    static func topDigest(_ layout: URL) throws -> String {
        let index = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: layout.appendingPathComponent("index.json")))
                as? [String: Any])
        return try #require((index["manifests"] as? [[String: Any]])?.first?["digest"] as? String)
    }

    @Test("the platform is chosen from a nested index; attestations are skipped; repo digests name the index")
    func platformChoice() throws {
        let arm = ImageFixtures.ImageSpec(
            layers: [["etc/arch": .file("arm64")]], config: .init(architecture: "arm64"), tags: ["example/app:2"])
        let url = try ImageFixtures.ociLayout(images: [arm], nestedIndex: true)
        // The host platform is absent, but there is only one real image: it is taken.
        let archive = try ImageArchive.open(url.path)
        #expect(archive.image.config.architecture == "arm64")
        #expect(archive.image.repoTags == ["example/app:2"])
        #expect(archive.image.repoDigests == ["example/app@" + (try Self.topDigest(url))])
        let explicit = try ImageArchive.open(url.path, options: .init(platform: "linux/arm64"))
        #expect(explicit.image.configDigest == archive.image.configDigest)
        let error = try #require(throws: ImageError.self) {
            try ImageArchive.open(url.path, options: .init(platform: "linux/s390x"))
        }
        #expect(error.code == .notFound)
        #expect(error.reason.contains("linux/arm64"))
    }
}
