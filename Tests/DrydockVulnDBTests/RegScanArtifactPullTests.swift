import DrydockNetwork
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// DB artifacts against a real docker-registry on loopback: `push` streams a gzip layer from a file,
/// and `pull` installs both that and the uncompressed layer earlier versions pushed.
@Suite(.serialized) struct RegScanArtifactPullTests {
    static func database() throws -> String {
        let directory = try VulnDBTestSupport.makeScratchDirectory("regscan-artifact")
        let output = directory + "/drydock.db"
        _ = try DatabaseBuilder.build(
            output: output, sources: [try RegistryFixtures.writeSecDB().path],
            builtAt: Date(timeIntervalSince1970: 1_700_000_000))
        return output
    }

    static func withClient<T>(_ body: (RegistryClient) async throws -> T) async throws -> T {
        let transport = try AsyncHTTPTransport()
        let client = RegistryClient(transport: transport)
        do {
            let result = try await body(client)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    /// Pushes `database` the way earlier versions did: one uncompressed tar layer, uploaded from memory.
    static func pushUncompressed(_ database: String, to reference: ImageReference, client: RegistryClient) async throws
    {
        let (bundle, metadata) = try DatabaseBundle.make(databasePath: database)
        let config = try metadata.encoded()
        let endpoint = try #require(client.endpoints(for: reference).first)
        let location = RegistryLocation(
            registry: reference.registry, repository: reference.repository, endpoint: endpoint)
        let configDigest = try await client.pushBlob(config, at: location)
        let bundleDigest = try await client.pushBlob(bundle, at: location)
        let manifest = DatabaseArtifact.manifest(
            metadata: metadata,
            config: .init(mediaType: DatabaseArtifact.configMediaType, digest: configDigest, size: Int64(config.count)),
            bundle: .init(
                mediaType: DatabaseArtifact.uncompressedLayerMediaType, digest: bundleDigest,
                size: Int64(bundle.count)))
        try await client.pushManifest(
            manifest, mediaType: RegistryMediaTypes.ociManifest, reference: reference.tag ?? "latest", at: location)
    }

    @Test(arguments: [true, false])
    func pullInstallsEitherLayerType(compressed: Bool) async throws {
        let servers = try RegistryServers.shared()
        let database = try Self.database()
        let reference = try ImageReference.parse(
            "127.0.0.1:\(servers.plainPort)/regscan/artifact:\(compressed ? "gzip" : "plain")")
        let target = try VulnDBTestSupport.makeScratchDirectory("regscan-artifact-pull") + "/drydock.db"
        let result = try await Self.withClient { client in
            if compressed {
                let pushed = try await DatabaseRegistry(client: client).push(databasePath: database, to: reference)
                let size = try #require(
                    try FileManager.default.attributesOfItem(atPath: database)[.size] as? NSNumber)
                #expect(pushed.bundleSize < size.int64Value, "the pushed layer is compressed")
            } else {
                try await Self.pushUncompressed(database, to: reference, client: client)
            }
            let manifest = try await client.manifest(reference)
            let artifact = try DatabaseArtifact.parse(manifest.bytes, location: "\(reference)")
            #expect(
                artifact.bundle.mediaType
                    == (compressed ? DatabaseArtifact.layerMediaType : DatabaseArtifact.uncompressedLayerMediaType))
            return try await DatabaseRegistry(client: client).pull(from: [reference], databasePath: target)
        }
        #expect(result.installed)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: target)) == Data(contentsOf: URL(fileURLWithPath: database)))
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: (target as NSString).deletingLastPathComponent
        ).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
