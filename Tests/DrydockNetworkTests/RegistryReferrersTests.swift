import DrydockNetwork
import DrydockTestSupport
import Foundation
import Testing

/// `RegistryClient.referrers(of:artifactType:at:)` against the real `docker-registry` (distribution 2.8, no
/// referrers API: the referrers tag schema) and `scripts/registry/referrers_proxy.py` in front of it (the
/// referrers API, one descriptor per page, `artifactType` filtering), holding the referrers pushed by
/// `scripts/registry/push_referrers.py`.
@Suite struct RegistryReferrersTests {
    private let bundle = "application/vnd.dev.sigstore.bundle.v0.3+json"

    @Test func referrersTagFollowsTheSpecExamples() {
        let hex = String(repeating: "a", count: 64)
        #expect(RegistryClient.referrersTag(for: "sha256:\(hex)") == "sha256-\(hex)")
        #expect(RegistryClient.referrersTag(for: "sha512:" + String(repeating: "a", count: 128)) == "sha512-\(hex)")
        let long =
            "test+algorithm+using+algorithm+separators+and+lots+of+characters+to+excercise+overall+truncation:"
            + "alsoSome=InTheEncodedSectionToShowHyphenReplacementAndLotsAndLotsOfCharactersToExcerciseEncodedTruncation"
        #expect(
            RegistryClient.referrersTag(for: long)
                == "test-algorithm-using-algorithm-s-alsoSome-InTheEncodedSectionToShowHyphenReplacementAndLotsAndLot")
    }

    private func location(_ port: Int) -> RegistryLocation {
        RegistryLocation(
            registry: "127.0.0.1:\(port)", repository: "supply-chain/referrers",
            endpoint: RegistryEndpoint(host: "127.0.0.1:\(port)", plainHTTP: true))
    }

    @Test func theAPIIsPagedAndFilteredAndTheTagSchemaIsTheFallback() async throws {
        guard let pushed = try SigstoreMaterial.pushedReferrers() else { return }
        let transport = try AsyncHTTPTransport(options: AsyncHTTPTransport.Options(retry: .none))
        let client = RegistryClient(transport: transport)
        do {
            let api = try #require(pushed.digests["bundled-api"])
            let all = try await client.referrers(of: api, at: location(pushed.apiPort))
            #expect(all.source == .api(pages: 3))
            #expect(all.descriptors.count == 3)
            let bundles = try await client.referrers(of: api, artifactType: bundle, at: location(pushed.apiPort))
            #expect(bundles.source == .api(pages: 2))
            #expect(bundles.descriptors.map(\.artifactType) == [bundle, bundle])
            // docker-registry answers 404 for the API; this image's referrers were pushed through the proxy, so it
            // has no referrers tag either: no referrers, not an error.
            let none = try await client.referrers(of: api, at: location(pushed.plainPort))
            #expect(none.source == .noTag(tag: "sha256-\(api.dropFirst(7))"))
            #expect(none.descriptors.isEmpty)
            let tagged = try #require(pushed.digests["bundled"])
            let fallback = try await client.referrers(of: tagged, at: location(pushed.plainPort))
            #expect(fallback.source == .tagSchema(tag: "sha256-\(tagged.dropFirst(7))"))
            #expect(fallback.descriptors.count == 3)
            #expect(
                fallback.descriptors.first?.annotations?["dev.sigstore.bundle.predicateType"]
                    == "https://sigstore.dev/cosign/sign/v1")
            let filtered = try await client.referrers(
                of: tagged, artifactType: "application/vnd.dev.cosign.artifact.sig.v1+json",
                at: location(pushed.plainPort))
            #expect(filtered.descriptors.isEmpty)
        } catch {
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
    }
}
