import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

@Suite("docker-archive built by the tests")
struct DockerArchiveTests {
    static let noise = (0..<150_000).map { i in UInt8(truncatingIfNeeded: (i &* 2_654_435_761) >> 13) }
    static let layers: [[String: FileSpec]] = [
        [
            "etc/os-release": .file("ID=alpine\nVERSION_ID=3.19.1\n"), "etc/motd": .file("hi\n"),
            "lib/apk/db/installed": .file("P:musl\nV:1.2.4-r2\n\n"), "usr/lib/noise.bin": .bytes(noise),
        ],
        ["usr/bin/app": .file("#!/bin/sh\n"), "etc/motd": .whiteout, "usr/lib/app.so": .symlink("app.so.1")],
        ["var/cache": .opaque],
    ]
    static let createdBy = ["ADD rootfs.tar /", "COPY app /usr/bin/app", "RUN rm -rf /var/cache/*"]

    struct Variant: CustomStringConvertible, Sendable {
        var gzipLayers: Bool
        var compressOuter: Bool
        var layout: ImageFixtures.DockerLayout
        var description: String { "gzipLayers=\(gzipLayers) compressOuter=\(compressOuter) \(layout)" }
    }

    @Test(
        "multi-layer images open and stream in every packing",
        arguments: [
            Variant(gzipLayers: false, compressOuter: false, layout: .legacy),
            Variant(gzipLayers: true, compressOuter: false, layout: .legacy),
            Variant(gzipLayers: true, compressOuter: true, layout: .legacy),
            Variant(gzipLayers: false, compressOuter: true, layout: .blobs),
            Variant(gzipLayers: true, compressOuter: false, layout: .blobs),
        ])
    func multiLayer(variant: Variant) throws {
        let url = try ImageFixtures.dockerArchive(
            layers: Self.layers, config: .init(createdBy: Self.createdBy), repoTags: ["test/app:1.0"],
            gzipLayers: variant.gzipLayers, compressOuter: variant.compressOuter, layout: variant.layout)
        let archive = try ImageArchive.open(url.path)
        #expect(archive.format == .dockerArchive)
        #expect(archive.compression == (variant.compressOuter ? .gzip : Compression.none))
        let image = archive.image
        #expect(image.layers.map(\.index) == [0, 1, 2])
        #expect(image.layers.map(\.reference.createdBy) == Self.createdBy)
        #expect(image.layers.map(\.reference.diffID) == image.config.diffIDs)
        #expect(image.repoTags == ["test/app:1.0"])
        for layer in image.layers {
            if variant.layout == .blobs {
                #expect(layer.reference.digest == "sha256:" + (layer.path.split(separator: "/").last ?? ""))
            } else {
                #expect(layer.reference.digest == nil)
            }
        }
        let contents = try collectLayers(archive)
        #expect(contents[0]["usr/lib/noise.bin"]?.content == Self.noise)
        #expect(contents[0]["lib/apk/db/installed"]?.content == Array("P:musl\nV:1.2.4-r2\n\n".utf8))
        #expect(contents[1]["etc/.wh.motd"]?.entry.kind == .file)
        #expect(contents[1]["usr/lib/app.so"]?.entry.linkTarget == "app.so.1")
        #expect(contents[2]["var/cache/.wh..wh..opq"] != nil)
    }

    @Test("several images: PATH:TAG picks one, no tag lists them")
    func multiImage() throws {
        let url = try ImageFixtures.dockerArchive(images: [
            .init(layers: [["a": .file("one")]], tags: ["example/one:1"]),
            .init(layers: [["a": .file("two")]], tags: ["example/two:2", "example/two:latest"]),
        ])
        let two = try ImageArchive.open(url.path + ":example/two")
        #expect(try collectLayers(two)[0]["a"]?.content == Array("two".utf8))
        let one = try ImageArchive.open(url.path, tag: "example/one:1", options: .init())
        #expect(try collectLayers(one)[0]["a"]?.content == Array("one".utf8))
        let none = try #require(throws: ImageError.self) { try ImageArchive.open(url.path) }
        #expect(none.code == .tagNotFound)
        #expect(none.reason.contains("example/one:1") && none.reason.contains("example/two:2"))
        let absent = try #require(throws: ImageError.self) { try ImageArchive.open(url.path + ":example/three:3") }
        #expect(absent.code == .tagNotFound)
        #expect(absent.reason.contains("example/two:latest"))
    }

    @Test(
        "a layer shared by position through a docker-save symlink is streamed for each position",
        arguments: [false, true])
    func symlinkedLayer(compressOuter: Bool) throws {
        let same: [String: FileSpec] = ["etc/x": .file("x")]
        let url = try ImageFixtures.dockerArchive(layers: [same, same], compressOuter: compressOuter) { stage in
            let manifestURL = stage.appendingPathComponent("manifest.json")
            var manifest = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [[String: Any]])
            var layers = try #require(manifest[0]["Layers"] as? [String])
            try FileManager.default.createDirectory(
                at: stage.appendingPathComponent("dup"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: stage.appendingPathComponent("dup/layer.tar").path, withDestinationPath: "../" + layers[1])
            layers[1] = "dup/layer.tar"
            manifest[0]["Layers"] = layers
            try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        }
        let archive = try ImageArchive.open(url.path)
        var seen: [Int] = []
        try archive.forEachLayer { layer, reader in
            seen.append(layer.index)
            let first = try reader.next()
            #expect(first?.path == "etc")
        }
        #expect(seen.sorted() == [0, 1])
    }
}
