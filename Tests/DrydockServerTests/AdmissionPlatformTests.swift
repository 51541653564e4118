import DrydockAdmission
import DrydockModel
import DrydockNetwork
import DrydockServer
import DrydockTestSupport
import Foundation
import Testing

/// Multi-platform images at admission: a reference naming an index is resolved in the real `docker-registry` on
/// loopback (images made by `scripts/fixtures/sigstore_material.py`, pushed with skopeo), and each configured
/// platform's scan record (stored under its image ID, as `drydock image --platform P --server URL` stores it)
/// decides for that platform.
@Suite("Admission per-platform scan records")
struct AdmissionPlatformTests {
    /// Decides a Deployment running `image` over a store holding `stored` (platform → vulnerable?) scans of the
    /// `multi` index's platform images, checking `platforms`.
    static func decide(
        _ image: String, stored: [String: Bool], platforms: [ImagePlatform], in images: SigstoreMaterial.PushedImages
    ) async throws -> AdmissionDecision {
        let facts = try #require(images.platforms["multi"])
        let fixture = try await ServerFixture.make(.sqlite)
        let index = images.reference("@\(images.digests["multi"] ?? "")")
        try await fixture.test { client in
            for (platform, vulnerable) in stored {
                let config = try #require(facts[platform]?["config"])
                try await fixture.storeImage(
                    [images.reference(":multi"), index], digest: config,
                    inventory: vulnerable ? AdvisoryFeedFixtures.alpineInventory() : cleanInventory(), client: client)
            }
        }
        var configuration = AdmissionConfiguration()
        configuration.gateSeverities = Set(Severity.allCases)
        configuration.timeBudget = .seconds(120)
        configuration.platforms = platforms
        let resolver = PlatformResolver(
            client: RegistryClient(transport: try AsyncHTTPTransport(options: AsyncHTTPTransport.Options())),
            platforms: platforms)
        configuration.platformResolver = resolver
        let decider = AdmissionDecider(
            configuration: configuration,
            assessor: StoreImageAssessor(
                store: fixture.server.store, database: fixture.server.database, configuration: configuration))
        let review = try AdmissionReviewRequest.decode(
            Array(buffer: AdmissionFixtures.review(AdmissionFixtures.deployment([image]))))
        let decision = await decider.decide(review)
        await resolver.shutdown()
        await fixture.close()
        return decision
    }

    @Test("each platform's scan record decides; a vulnerable arm64 image denies the index")
    func eachPlatformDecides() async throws {
        guard let images = try SigstoreMaterial.pushedImages() else { return }
        let facts = try #require(images.platforms["multi"])
        let image = images.reference(":multi")
        let stored = ["linux/amd64": false, "linux/arm64/v8": true]
        let denied = try await Self.decide(image, stored: stored, platforms: ImagePlatform.defaults, in: images)
        let message = denied.response.response.status?.message ?? ""
        #expect(!denied.response.response.allowed)
        #expect(denied.record.rules == [.gate], "\(message)")
        #expect(message.contains("[gate] linux/arm64/v8: "), "\(message)")
        #expect(!message.contains("linux/amd64"), "\(message)")
        // The audit record names the stored image each platform was decided by.
        let decidedBy = denied.record.images[image] ?? ""
        #expect(decidedBy.contains("linux/amd64: \(facts["linux/amd64"]?["config"] ?? "?")"), "\(decidedBy)")
        #expect(decidedBy.contains("linux/arm64/v8: \(facts["linux/arm64/v8"]?["config"] ?? "?")"), "\(decidedBy)")
        // A cluster of amd64 nodes only: the arm64 image is not its concern.
        let amd64 = try await Self.decide(
            image, stored: stored, platforms: [ImagePlatform(os: "linux", architecture: "amd64")], in: images)
        #expect(amd64.response.response.allowed, "\(amd64.response.response.status?.message ?? "")")
    }

    @Test("a platform without a scan is not-scanned; an index without any configured platform is invalid")
    func missingPlatforms() async throws {
        guard let images = try SigstoreMaterial.pushedImages() else { return }
        let platforms = [ImagePlatform(os: "linux", architecture: "amd64"), ImagePlatform("linux/s390x")!]
        let decision = try await Self.decide(
            images.reference("@\(images.digests["multi"] ?? "")"), stored: ["linux/amd64": false],
            platforms: platforms, in: images)
        let message = decision.response.response.status?.message ?? ""
        #expect(decision.record.rules == [.notScanned], "\(message)")
        #expect(message.contains("[not-scanned] linux/s390x: not in the repository"), "\(message)")
        #expect(message.contains("--platform linux/s390x --server URL"), "\(message)")
        let s390x = try await Self.decide(
            images.reference(":multi-s390x"), stored: [:], platforms: ImagePlatform.defaults, in: images)
        let s390xMessage = s390x.response.response.status?.message ?? ""
        #expect(s390x.record.rules == [.invalidImage], "\(s390xMessage)")
        #expect(
            s390xMessage.contains("the image index has no image for linux/amd64, linux/arm64 (it lists linux/s390x)"),
            "\(s390xMessage)")
    }
}
