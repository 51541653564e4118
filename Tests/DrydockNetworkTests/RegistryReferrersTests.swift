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
            #expect(fallback.descriptors.count == 4)
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

    /// A registry that answers from a script: for what no real registry here does (hostile `Link` headers, errors).
    private struct ScriptedRegistry: HTTPTransport {
        var answer: @Sendable (URL) -> (status: Int, headers: [HTTPHeader], body: [UInt8])

        func perform(_ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void)
            async throws -> HTTPResponseHead
        {
            let (status, headers, bytes) = answer(request.url)
            if !bytes.isEmpty { try await body(bytes[...]) }
            return HTTPResponseHead(status: status, headers: headers)
        }
    }

    private static let digest = "sha256:" + String(repeating: "b", count: 64)
    private static let indexType = HTTPHeader("Content-Type", "application/vnd.oci.image.index.v1+json")
    private static let index = Array(
        #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#.utf8)

    private func referrers(_ answer: @escaping @Sendable (URL) -> (Int, [HTTPHeader], [UInt8])) async throws
        -> ReferrersList
    {
        let client = RegistryClient(transport: ScriptedRegistry(answer: { answer($0) }))
        return try await client.referrers(of: Self.digest, at: location(5000))
    }

    @Test func aNextLinkToAnotherHostOrBackToItselfIsRefused() async throws {
        await #expect {
            _ = try await referrers { _ in
                (
                    200,
                    [
                        Self.indexType,
                        HTTPHeader("Link", "<http://elsewhere.example/v2/x/referrers/\(Self.digest)>; rel=\"next\""),
                    ],
                    Self.index
                )
            }
        } throws: { error in
            (error as? NetworkError)?.code == .malformedResponse && "\(error)".contains("points to another host")
        }
        await #expect {
            _ = try await referrers { url in
                (200, [Self.indexType, HTTPHeader("Link", "<\(url.path)>; rel=\"next\"")], Self.index)
            }
        } throws: { error in
            "\(error)".contains("points back to")
        }
    }

    @Test func aServerErrorIsAnErrorAndAnythingButAnIndexUnderTheTagIsNoReferrers() async throws {
        await #expect {
            _ = try await referrers { _ in (500, [], []) }
        } throws: { error in
            (error as? NetworkError)?.code == .httpStatus
        }
        let manifest = Array(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}"#.utf8)
        let list = try await referrers { url in
            url.path.hasSuffix("/referrers/\(Self.digest)")
                ? (404, [], [])
                : (200, [HTTPHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")], manifest)
        }
        #expect(list.source == .noTag(tag: "sha256-" + String(repeating: "b", count: 64)))
        #expect(list.descriptors.isEmpty)
        // As go-containerregistry (cosign) reads them: a 400, or a web page where the API would be, mean no API.
        for (status, type) in [(400, "application/json"), (200, "text/html")] {
            let fallback = try await referrers { url in
                url.path.hasSuffix("/referrers/\(Self.digest)")
                    ? (status, [HTTPHeader("Content-Type", type)], Array("<html></html>".utf8))
                    : (404, [], [])
            }
            #expect(fallback.source == .noTag(tag: "sha256-" + String(repeating: "b", count: 64)), "\(status)")
        }
    }
}
