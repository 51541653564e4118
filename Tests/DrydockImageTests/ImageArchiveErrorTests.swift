import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

@Suite("Image archives that cannot be read")
struct ImageArchiveErrorTests {
    static let big = (0..<200_000).map { i in UInt8(truncatingIfNeeded: (i &* 2_654_435_761) >> 11) }
    static let layer: [String: FileSpec] = ["etc/os-release": .file("ID=debian\n"), "usr/lib/big.bin": .bytes(big)]

    @Test("a path that does not exist is notFound")
    func notFound() throws {
        let error = try #require(throws: ImageError.self) { try ImageArchive.open("/nonexistent/image.tar") }
        #expect(error.code == .notFound)
    }

    @Test("a file that is not a tar is malformedArchive", arguments: [[UInt8](), Array("{\"not\": \"a tar\"}".utf8)])
    func notATar(bytes: [UInt8]) throws {
        let url = try ImageFixtures.temporaryDirectory().appendingPathComponent("x.tar")
        try Data(bytes + Self.big.prefix(4096)).write(to: url)
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(url.path) }
        #expect(error.code == .malformedArchive)
        #expect(error.reason.contains("is not a tar archive, docker-archive or OCI layout"))
    }

    @Test("a plain layer tar (no manifest) is malformedManifest")
    func missingManifest() throws {
        let url = try ImageFixtures.dockerArchive(layers: [Self.layer]) { stage in
            try FileManager.default.removeItem(at: stage.appendingPathComponent("manifest.json"))
        }
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(url.path) }
        #expect(error.code == .malformedManifest)
        #expect(error.reason.contains("manifest.json"))
        #expect(error.location == url.path)
    }

    @Test("a layer listed in manifest.json but absent is malformedManifest naming it", arguments: [false, true])
    func missingLayer(compressOuter: Bool) throws {
        var removed = ""
        let url = try ImageFixtures.dockerArchive(layers: [Self.layer], compressOuter: compressOuter) { stage in
            let dir = try #require(
                try FileManager.default.contentsOfDirectory(atPath: stage.path).first { $0.count == 64 })
            removed = dir + "/layer.tar"
            try FileManager.default.removeItem(at: stage.appendingPathComponent(removed))
        }
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(url.path) }
        #expect(error.code == .malformedManifest)
        #expect(error.reason.contains(removed))
    }

    @Test("a missing config is malformedManifest naming it")
    func missingConfig() throws {
        let url = try ImageFixtures.dockerArchive(layers: [Self.layer]) { stage in
            let config = try #require(
                try FileManager.default.contentsOfDirectory(atPath: stage.path).first {
                    $0.hasSuffix(".json") && $0 != "manifest.json"
                })
            try FileManager.default.removeItem(at: stage.appendingPathComponent(config))
        }
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(url.path) }
        #expect(error.code == .malformedManifest)
        #expect(error.reason.contains("config"))
    }

    @Test("a truncated outer tar is truncated", arguments: [false, true])
    func truncatedOuter(compressOuter: Bool) throws {
        let url = try ImageFixtures.dockerArchive(layers: [Self.layer], compressOuter: compressOuter)
        let size = try ImageFixtures.bytes(url).count
        let cut = try ImageFixtures.truncatedCopy(of: url, length: size / 2)
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(cut.path) }
        #expect(error.code == .truncated)
        #expect(error.location == cut.path)
    }

    @Test("a corrupt gzip layer fails while streaming with corruptCompression")
    func corruptGzipLayer() throws {
        let url = try ImageFixtures.dockerArchive(layers: [Self.layer], gzipLayers: true) { stage in
            let dir = try #require(
                try FileManager.default.contentsOfDirectory(atPath: stage.path).first { $0.count == 64 })
            let layer = stage.appendingPathComponent(dir + "/layer.tar")
            var bytes = try ImageFixtures.bytes(layer)
            for i in (bytes.count / 2)..<(bytes.count / 2 + 64) { bytes[i] ^= 0x5a }
            try Data(bytes).write(to: layer)
        }
        let archive = try ImageArchive.open(url.path)
        let error = try #require(throws: ImageError.self) { try collectLayers(archive) }
        #expect(error.code == .corruptCompression)
        #expect(error.location.contains("layer 0"))
    }

    @Test("a layer whose content does not hash to its diffID is refused unless verification is off")
    func diffIDMismatch() throws {
        let wrong = "sha256:" + String(repeating: "0", count: 64)
        let url = try ImageFixtures.dockerArchive(layers: [Self.layer], config: .init(diffIDs: [wrong]))
        let archive = try ImageArchive.open(url.path)
        let error = try #require(throws: ImageError.self) { try archive.forEachLayer { _, _ in } }
        #expect(error.code == .malformedArchive)
        #expect(error.reason.contains(wrong))
        let unchecked = try ImageArchive.open(url.path, options: .init(verifyDiffIDs: false))
        #expect(try collectLayers(unchecked)[0]["usr/lib/big.bin"]?.content == Self.big)
    }

    @Test("a layer larger than the configured maximum is limitExceeded")
    func layerSizeLimit() throws {
        let url = try ImageFixtures.dockerArchive(layers: [Self.layer], gzipLayers: true)
        let archive = try ImageArchive.open(url.path, options: .init(maxLayerSize: 100_000))
        let error = try #require(throws: ImageError.self) {
            try archive.forEachLayer { _, reader in _ = try reader.next() }
        }
        #expect(error.code == .limitExceeded)
        #expect(error.reason.contains("100000"))
    }

    @Test("a layer with too many entries is limitExceeded")
    func entryLimit() throws {
        let url = try ImageFixtures.dockerArchive(layers: [["a": .file("1"), "b": .file("2"), "c": .file("3")]])
        let archive = try ImageArchive.open(url.path, options: .init(maxEntriesPerLayer: 2))
        let error = try #require(throws: ImageError.self) { try collectLayers(archive) }
        #expect(error.code == .limitExceeded)
    }

    @Test("a zstd layer cut inside its frame is truncated")
    func zstdLayer() throws {
        let url = try ImageFixtures.dockerArchive(layers: [Self.layer]) { stage in
            let dir = try #require(
                try FileManager.default.contentsOfDirectory(atPath: stage.path).first { $0.count == 64 })
            try Data([0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x00]).write(to: stage.appendingPathComponent(dir + "/layer.tar"))
        }
        let archive = try ImageArchive.open(url.path)
        let error = try #require(throws: ImageError.self) { try archive.forEachLayer { _, _ in } }
        #expect(error.code == .truncated)
        #expect(error.reason.contains("zstd stream ends early after 6 bytes"))
    }

    @Test("a diff_ids count that disagrees with the layers is malformedManifest")
    func diffIDCount() throws {
        let url = try ImageFixtures.dockerArchive(
            layers: [Self.layer], config: .init(diffIDs: ["sha256:1", "sha256:2"]))
        let error = try #require(throws: ImageError.self) { try ImageArchive.open(url.path) }
        #expect(error.code == .malformedManifest)
        #expect(error.reason.contains("diff_ids"))
    }
}
