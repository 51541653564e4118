import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

/// Collects each layer's entries (path → content) in layer order.
func collectLayers(_ archive: ImageArchive) throws -> [[String: ReadEntry]] {
    var layers = [[String: ReadEntry]](repeating: [:], count: archive.image.layers.count)
    try archive.forEachLayer { layer, reader in
        while let entry = try reader.next() {
            layers[layer.index][entry.path] = ReadEntry(entry: entry, content: try reader.readContent(limit: 1 << 24))
        }
    }
    return layers
}

@Suite("Real docker save fixtures")
struct ImageArchiveFixtureTests {
    static let shared = ImageFixtures.sharedFixtures()

    static func fixture(_ name: String) -> String {
        shared?.appendingPathComponent("images/\(name)").path ?? "/missing/\(name)"
    }

    @Test(
        "alpine 3.10: config digest, one layer, diffID from the config, apk database present",
        .enabled(if: shared != nil, "../shared/fixtures is absent: real image fixtures skipped"))
    func alpine310() throws {
        let archive = try ImageArchive.open(Self.fixture("alpine-310.tar.gz"))
        #expect(archive.format == .dockerArchive)
        #expect(archive.compression == .gzip)
        let image = archive.image
        #expect(image.configDigest == "sha256:af341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e")
        #expect(image.repoTags == ["alpine:3.10"])
        #expect(image.config.os == "linux" && image.config.architecture == "amd64")
        #expect(image.layers.count == 1)
        let layer = try #require(image.layers.first)
        #expect(layer.reference.diffID == "sha256:531743b7098cb2aaf615641007a129173f63ed86ca32fe7b5a246a1c47286028")
        #expect(
            layer.reference.createdBy?.contains(
                "ADD file:d48cac34fac385cbc1de6adfdd88300f76f9bbe346cd17e64fd834d042a98326") == true)
        #expect(layer.path == "71dba1fabbde4baabcdebcde4895d3f3887e388b09cef162f8159cf7daffa1b8/layer.tar")
        // Streaming also verifies the diffID: a mismatch would throw.
        let layers = try collectLayers(archive)
        let files = try #require(layers.first)
        #expect(files["lib/apk/db/installed"]?.content.isEmpty == false)
        let osRelease = String(decoding: files["etc/os-release"]?.content ?? [], as: UTF8.self)
        #expect(osRelease.contains("VERSION_ID=3.10"))
    }

    @Test(
        "alpine 3.11 opens, streams and names its version",
        .enabled(if: shared != nil, "../shared/fixtures is absent: real image fixtures skipped"))
    func alpine311() throws {
        let archive = try ImageArchive.open(Self.fixture("alpine-311.tar.gz"))
        #expect(archive.image.layers.count == 1)
        #expect(archive.image.configDigest.hasPrefix("sha256:"))
        #expect(archive.image.configDigest != "sha256:af341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e")
        let files = try collectLayers(archive)[0]
        let osRelease = String(decoding: files["etc/os-release"]?.content ?? [], as: UTF8.self)
        #expect(osRelease.contains("VERSION_ID=3.11"))
        #expect(files["lib/apk/db/installed"] != nil)
    }

    @Test(
        "the same archive uncompressed reads the same, seeking over layers",
        .enabled(if: shared != nil, "../shared/fixtures is absent: real image fixtures skipped"))
    func plainCopy() throws {
        let plain = try ImageFixtures.temporaryDirectory().appendingPathComponent("alpine.tar")
        try ImageFixtures.run("sh", ["-c", "gzip -dc \"$0\" > \"$1\"", Self.fixture("alpine-310.tar.gz"), plain.path])
        let archive = try ImageArchive.open(plain.path)
        #expect(archive.compression == Compression.none)
        #expect(archive.image.configDigest == "sha256:af341ccd2df8b0e2d67cf8dd32e087bfda4e5756ebd1c76bbf3efa0dc246590e")
        let files = try collectLayers(archive)[0]
        #expect(files["lib/apk/db/installed"] != nil)
        #expect(files["etc/os-release"] != nil)
    }

    @Test(
        "PATH:TAG selects by RepoTags; an absent tag lists the available ones",
        .enabled(if: shared != nil, "../shared/fixtures is absent: real image fixtures skipped"))
    func tags() throws {
        let path = Self.fixture("alpine-310.tar.gz")
        #expect(try ImageArchive.open(path + ":alpine:3.10").image.repoTags == ["alpine:3.10"])
        #expect(try ImageArchive.open(path + ":3.10").image.layers.count == 1)
        #expect(try ImageArchive.open(path + ":docker.io/library/alpine:3.10").image.layers.count == 1)
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(path + ":alpine:9.99") }
        #expect(error.code == .tagNotFound)
        #expect(error.reason.contains("alpine:3.10"))
    }
}
