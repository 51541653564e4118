import DrydockNetwork
import DrydockTestSupport
import Foundation
import Synchronization
import Testing

@Suite struct RegistryClientTests {
    static let location = RegistryLocation(
        registry: "127.0.0.1:5000", repository: "app",
        endpoint: RegistryEndpoint(host: "127.0.0.1:5000", plainHTTP: true))

    static func blob(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    static func collect(_ client: RegistryClient, _ digest: String, size: Int64?) async throws -> [UInt8] {
        let received = ByteCollector(limit: .max)
        try await client.blob(digest, at: location, size: size) { chunk in try received.append(chunk) }
        return received.bytes
    }

    @Test func bearerChallengeFlowAndManifestDigest() async throws {
        let transport = RegistryFakeTransport()
        let manifest = Array(
            #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":"sha256:00","size":1},"layers":[]}"#
                .utf8)
        transport.state.withLock {
            $0.requireToken = "tok-1"
            $0.manifests["1.0"] = (manifest, "application/vnd.oci.image.manifest.v1+json")
        }
        let client = RegistryClient(transport: transport)
        let reference = try ImageReference.parse("127.0.0.1:5000/app:1.0")
        let fetched = try await client.manifest(reference)
        #expect(fetched.digest == Digest.sha256(manifest))
        #expect(fetched.mediaType == "application/vnd.oci.image.manifest.v1+json")
        let paths = transport.state.withLock { $0.requests.map { $0.url.path } }
        #expect(paths == ["/v2/app/manifests/1.0", "/token", "/v2/app/manifests/1.0"])
        let tokenQuery = transport.state.withLock { $0.requests[1].url.query ?? "" }
        #expect(tokenQuery.contains("service=fake"))
        // The token is cached: a second request needs no new challenge.
        _ = try await client.manifest(reference)
        #expect(transport.state.withLock { $0.requests.count } == 4)
    }

    @Test func pinnedDigestMustMatch() async throws {
        let transport = RegistryFakeTransport()
        let wrong = "sha256:" + String(repeating: "0", count: 64)
        transport.state.withLock {
            $0.manifests[wrong] = (Array("{}".utf8), "application/vnd.oci.image.manifest.v1+json")
        }
        let client = RegistryClient(transport: transport)
        await #expect {
            try await client.manifest(try ImageReference.parse("127.0.0.1:5000/app@\(wrong)"))
        } throws: { error in
            (error as? NetworkError)?.code == .digestMismatch
        }
    }

    @Test(arguments: [true, false])
    func resumesBrokenBlobDownloads(honourRange: Bool) async throws {
        let transport = RegistryFakeTransport()
        let content = Self.blob(100_000)
        let digest = Digest.sha256(content)
        transport.state.withLock {
            $0.blobs[digest] = content
            $0.breakAfter[digest] = 40_000
            $0.honourRange = honourRange
        }
        let client = RegistryClient(transport: transport, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01))
        let received = try await Self.collect(client, digest, size: Int64(content.count))
        #expect(received == content)
        let ranges = transport.state.withLock {
            $0.requests.compactMap { $0.headers.first { $0.name == "Range" }?.value }
        }
        #expect(ranges == ["bytes=40000-"])
    }

    @Test func wrongContentIsRejected() async throws {
        let transport = RegistryFakeTransport()
        let content = Self.blob(5000)
        let digest = Digest.sha256(content)
        var tampered = content
        tampered[10] ^= 0xff
        transport.state.withLock { $0.blobs[digest] = tampered }
        let client = RegistryClient(transport: transport)
        await #expect {
            _ = try await Self.collect(client, digest, size: nil)
        } throws: { error in
            (error as? NetworkError)?.code == .digestMismatch && "\(error)".contains("hashes to")
        }
        // A registry that sends more than the manifest's size is stopped early.
        transport.state.withLock { $0.blobs[digest] = content }
        await #expect(throws: NetworkError.self) { _ = try await Self.collect(client, digest, size: 100) }
    }

    @Test func missingBlobsAndManifestsAreNotFound() async throws {
        let client = RegistryClient(transport: RegistryFakeTransport())
        await #expect {
            _ = try await client.manifest(try ImageReference.parse("127.0.0.1:5000/app:nope"))
        } throws: { error in
            (error as? NetworkError)?.code == .notFound
        }
    }

    @Test func offlineTransportRefusesEverything() async throws {
        let client = RegistryClient(transport: OfflineTransport())
        await #expect {
            _ = try await client.manifest(try ImageReference.parse("alpine"))
        } throws: { error in
            (error as? NetworkError)?.code == .offline && "\(error)".contains("--offline")
        }
    }

    @Test func plainHTTPIsRefusedExceptLoopback() async throws {
        let transport = try AsyncHTTPTransport(options: AsyncHTTPTransport.Options(retry: .none))
        await #expect {
            _ = try await transport.fetch(
                HTTPRequest(url: try #require(URL(string: "http://registry.example/v2/"))), limit: 10)
        } throws: { error in
            (error as? NetworkError)?.code == .insecureRefused
        }
        await transport.shutdown()
        #expect(AsyncHTTPTransport.isLoopback("127.0.0.1"))
        #expect(AsyncHTTPTransport.isLoopback("localhost"))
        #expect(AsyncHTTPTransport.isLoopback("[::1]"))
        #expect(!AsyncHTTPTransport.isLoopback("10.0.0.1"))
    }
}
