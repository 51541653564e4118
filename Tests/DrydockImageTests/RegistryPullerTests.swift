import DrydockImage
import DrydockNetwork
import DrydockTestSupport
import Foundation
import Testing

@Suite struct RegistryPullerTests {
    static func files(_ image: RegistryImage) async throws -> [Int: [String]] {
        try await BlockingWork.run {
            var seen: [Int: [String]] = [:]
            try image.forEachLayer { layer, reader in
                while let entry = try reader.next() { seen[layer.index, default: []].append(entry.path) }
            }
            return seen
        }
    }

    static func layout() throws -> URL {
        try RegistryFixtures.multiPlatformLayout(
            [
                RegistryFixtures.alpine(muslVersion: "1.2.4-r2", architecture: "amd64", tag: "amd"),
                RegistryFixtures.alpine(muslVersion: "1.2.4-r3", architecture: "arm64", tag: "arm"),
            ], tag: "multi")
    }

    @Test func picksAPlatformAndStreamsItsLayers() async throws {
        let transport = RegistryFakeTransport()
        try transport.load(layout: try Self.layout(), tag: "multi")
        let puller = RegistryPuller(client: RegistryClient(transport: transport))
        let reference = try ImageReference.parse("127.0.0.1:5000/app:multi")
        let images = try await puller.pull(reference, platform: .platform("linux/arm64"))
        #expect(images.count == 1)
        let image = try #require(images.first)
        #expect(image.platform == "linux/arm64")
        #expect(image.image.config.architecture == "arm64")
        #expect(image.image.repoDigests == ["127.0.0.1:5000/app@\(image.digest)"])
        #expect(image.digest != image.manifestDigest)
        let files = try await Self.files(image)
        #expect(files[0]?.contains("lib/apk/db/installed") == true)
        #expect(files[1]?.contains("srv/app/readme.txt") == true)

        let all = try await puller.pull(reference, platform: .all)
        #expect(all.map(\.platform) == ["linux/amd64", "linux/arm64"])
    }

    @Test func missingPlatformListsTheAvailableOnes() async throws {
        let transport = RegistryFakeTransport()
        try transport.load(layout: try Self.layout(), tag: "multi")
        let puller = RegistryPuller(client: RegistryClient(transport: transport))
        await #expect {
            _ = try await puller.pull(
                try ImageReference.parse("127.0.0.1:5000/app:multi"), platform: .platform("linux/s390x"))
        } throws: { error in
            (error as? NetworkError)?.code == .platformNotFound
                && "\(error)".contains("available: linux/amd64, linux/arm64")
        }
    }

    @Test func brokenAndTamperedLayerDownloads() async throws {
        let layout = try ImageFixtures.ociLayout(images: [RegistryFixtures.alpine(muslVersion: "1.2.4-r2")])
        let transport = RegistryFakeTransport()
        try transport.load(layout: layout, tag: "1.0")
        let client = RegistryClient(transport: transport, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01))
        let reference = try ImageReference.parse("127.0.0.1:5000/app:1.0")
        let image = try #require(try await RegistryPuller(client: client).pull(reference, platform: .host).first)
        let second = try #require(image.image.layers[1].reference.digest)
        // A transfer that breaks part-way is resumed and the layer still reads whole.
        transport.state.withLock { $0.breakAfter[second] = 1000 }
        let files = try await Self.files(image)
        #expect(files[1] == ["srv", "srv/app", "srv/app/readme.txt"])
        // A blob whose bytes do not match its digest fails the read.
        transport.state.withLock { state in
            var bytes = state.blobs[second] ?? []
            bytes[bytes.count - 5] ^= 0xff
            state.blobs[second] = bytes
        }
        await #expect {
            _ = try await Self.files(image)
        } throws: { error in
            "\(error)".contains("hashes to") || "\(error)".contains("gzip") || "\(error)".contains("CRC")
        }
    }

    @Test(arguments: [("linux/arm64/v8", true), ("all", true), ("linux", false), ("a/b/c/d", false), ("/amd64", false)])
    func parsesPlatformFlags(text: String, valid: Bool) {
        #expect(((try? PlatformSelection.parse(text)) != nil) == valid)
    }
}
