import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// The gzip-compressed DB artifact layer: the streaming compressor, the bounded decompressor, the
/// bundle written from a file, and manifests of either layer type.
struct DatabaseArtifactGzipTests {
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Half text-like, half noise: both compressible runs and incompressible bytes.
            return index % 2 == 0 ? UInt8(ascii: "a") + UInt8(index / 2 % 26) : UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static func compress(_ chunks: [[UInt8]], in directory: String) throws -> String {
        let path = directory + "/data.gz"
        let file = try AtomicFile(destination: path)
        let writer = try GzipFile.Writer(output: file)
        for chunk in chunks { try writer.write(chunk) }
        try writer.finish()
        try file.commit()
        return path
    }

    static func decompress(_ path: String, limit: Int64 = 1 << 30) throws -> [UInt8] {
        let out = path + ".out"
        let file = try AtomicFile(destination: out)
        try GzipFile.decompress(path, to: file, limit: limit)
        try file.commit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: out)))
    }

    @Test(arguments: [0, 1, 70_000, 3_000_000])
    func gzipRoundTrip(size: Int) throws {
        let directory = try VulnDBTestSupport.makeScratchDirectory("gzip")
        let data = Self.bytes(size, seed: UInt64(size) + 1)
        // Uneven chunks, some empty, as a file read would give them.
        var chunks: [[UInt8]] = []
        var offset = 0
        var step = 1
        while offset < data.count {
            let end = min(data.count, offset + step)
            chunks.append(Array(data[offset..<end]))
            chunks.append([])
            offset = end
            step = step * 7 % 1_048_573 + 1
        }
        let path = try Self.compress(chunks, in: directory)
        #expect(GzipFile.isGzip(path))
        #expect(try Self.decompress(path) == data)
    }

    @Test func decompressionRefusesTruncatedStreamsAndBombs() throws {
        let directory = try VulnDBTestSupport.makeScratchDirectory("gzip-bad")
        let data = [UInt8](repeating: 0, count: 2_000_000)
        let path = try Self.compress([data], in: directory)
        #expect(throws: VulnDBError.self) { try Self.decompress(path, limit: 1_000_000) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        let truncated = directory + "/truncated.gz"
        try whole.prefix(whole.count - 6).write(to: URL(fileURLWithPath: truncated))
        #expect {
            try Self.decompress(truncated)
        } throws: { error in
            (error as? VulnDBError)?.reason.contains("ends early") == true
        }
        #expect(!GzipFile.isGzip(directory))
    }

    @Test func compressedBundleHoldsTheExportBundle() throws {
        let directory = try VulnDBTestSupport.makeScratchDirectory("gzip-bundle")
        let database = directory + "/drydock.db"
        try Data(Self.bytes(1_500_001, seed: 7)).write(to: URL(fileURLWithPath: database))
        let metadata = DatabaseMetadata(
            schemaVersion: 2, builtAt: Date(timeIntervalSince1970: 1_700_000_000),
            nextUpdate: Date(timeIntervalSince1970: 1_700_086_400),
            digest: try DatabaseMetadata.digest(ofFile: database), drydockVersion: "test", sources: [])
        try metadata.write(forDatabase: database)
        let bundle = directory + "/bundle.tar.gz"
        let written = try DatabaseBundle.writeCompressed(databasePath: database, to: bundle)
        #expect(written.digest == metadata.digest)
        #expect(try Self.decompress(bundle) == DatabaseBundle.make(databasePath: database).bytes)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: bundle)[.size] as? NSNumber)
        #expect(size.intValue < 1_500_001, "the bundle is compressed")

        try Data("changed".utf8).write(to: URL(fileURLWithPath: database))
        #expect {
            try DatabaseBundle.writeCompressed(databasePath: database, to: directory + "/other.tar.gz")
        } throws: { error in
            (error as? VulnDBError)?.code == .verificationFailed
        }
    }

    @Test(arguments: [
        (DatabaseArtifact.layerMediaType, true), (DatabaseArtifact.uncompressedLayerMediaType, true),
        ("application/vnd.oci.image.layer.v1.tar+gzip", false),
    ])
    func layerTypesAccepted(mediaType: String, accepted: Bool) throws {
        let bytes = DistributionTests.manifest(layerType: mediaType)
        let parsed = try? DatabaseArtifact.parse(bytes, location: "test")
        #expect((parsed != nil) == accepted)
        #expect(parsed.map { $0.bundle.mediaType == mediaType } ?? true)
    }
}
