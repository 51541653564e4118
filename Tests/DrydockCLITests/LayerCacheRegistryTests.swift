import DrydockTestSupport
import Foundation
import Testing

/// The layer cache with `drydock image REF`: cached layers are never downloaded, as the registry's own
/// access log shows. Fails — never skips — when the registries cannot be started.
@Suite("Layer cache with registry images", .serialized)
struct LayerCacheRegistryTests {
    /// The GET requests for `digest`'s blob in `repository` in the plain registry's access log.
    static func blobFetches(_ servers: RegistryServers, repository: String, digest: String) throws -> Int {
        let log = try String(
            contentsOf: servers.state.appendingPathComponent("registry-plain.log"), encoding: .utf8)
        return log.split(separator: "\n").filter { $0.contains("\"GET /v2/\(repository)/blobs/\(digest) ") }.count
    }

    /// The blob digests a debug run named (`layer sha256:… (sha256:…) …`).
    static func digests(_ lines: [String]) -> [String] {
        lines.compactMap { line in
            line.firstMatch(of: #/layer (sha256:[0-9a-f]{64}) \(/#).map { String($0.1) }
        }
    }

    @Test("a second pull of the same image downloads no layer; another image only its new layer")
    func registryLayersAreNotFetchedAgain() throws {
        let servers = try RegistryServers.shared()
        let database = try LayerCacheScanTests.database.get()
        let cache = try PackagePaths.temporaryDirectory("layer-cache")
        let layout = try ImageFixtures.ociLayout(images: [
            LayerCacheScanTests.spec("reg-one", tag: "1.0"), LayerCacheScanTests.spec("reg-two", tag: "2.0"),
        ])
        try servers.push(layout: layout, tag: "1.0", port: servers.plainPort, repository: "cache/one")
        try servers.push(layout: layout, tag: "2.0", port: servers.plainPort, repository: "cache/two")
        let cold = try LayerCacheRun.scan(
            ["127.0.0.1:\(servers.plainPort)/cache/one:1.0"], cache: cache, database: database)
        #expect(cold.result.status == 0, "\(cold.result.stderr)")
        #expect(cold.analysed.count == 3, "\(cold.result.stderr)")
        let layers = Self.digests(cold.analysed)
        #expect(layers.count == 3)
        let fetched = try layers.map { try Self.blobFetches(servers, repository: "cache/one", digest: $0) }
        #expect(fetched.allSatisfy { $0 >= 1 }, "the access log shows each blob fetched: \(fetched)")

        let warm = try LayerCacheRun.scan(
            ["127.0.0.1:\(servers.plainPort)/cache/one:1.0"], cache: cache, database: database)
        #expect(warm.result.status == 0, "\(warm.result.stderr)")
        #expect(warm.cached.count == 3 && warm.analysed.isEmpty, "\(warm.result.stderr)")
        #expect(warm.report == cold.report)
        let after = try layers.map { try Self.blobFetches(servers, repository: "cache/one", digest: $0) }
        #expect(after == fetched, "no blob was fetched again")

        let other = try LayerCacheRun.scan(
            ["127.0.0.1:\(servers.plainPort)/cache/two:2.0"], cache: cache, database: database)
        #expect(other.result.status == 0, "\(other.result.stderr)")
        #expect(other.cached.count == 2 && other.analysed.count == 1, "\(other.result.stderr)")
        let shared = Self.digests(other.cached)
        #expect(try shared.map { try Self.blobFetches(servers, repository: "cache/two", digest: $0) } == [0, 0])
    }
}
