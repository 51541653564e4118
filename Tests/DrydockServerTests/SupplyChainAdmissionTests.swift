import DrydockAdmission
import DrydockNetwork
import DrydockPolicy
import DrydockServer
import DrydockSupplyChain
import DrydockTestSupport
import Foundation
import Testing

/// The admission webhook applying a gate policy's `supplyChain:` rules to images in the real `docker-registry`
/// on loopback, signed and attested by `scripts/fixtures/sigstore_material.py` (Python's `cryptography`).
@Suite("Admission supply-chain rules")
struct SupplyChainAdmissionTests {
    static let identity = "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main"
    static let issuer = "https://token.actions.githubusercontent.com"

    /// A configuration whose gate policy (written beside the material) holds `supplyChain`, with its check.
    static func configuration(_ supplyChain: String, in images: SigstoreMaterial.PushedImages) throws
        -> AdmissionConfiguration
    {
        let path = images.directory.appendingPathComponent("admission-\(UUID().uuidString).policy.yaml").path
        let text = "apiVersion: drydock/v1\nsupplyChain:\n  trustedRoot: trusted_root.json\n" + supplyChain
        let document = try PolicyParser.parse(Array(text.utf8), path: path)
        let policy = try #require(document.supplyChain)
        var configuration = AdmissionConfiguration()
        configuration.requireScan = false
        // Generous: these tests are about what is decided; the budget itself is `unreachableRegistry`'s subject, and
        // under the whole suite's load on two cores the checks have taken over 10 s.
        configuration.timeBudget = .seconds(120)
        configuration.policyDocument = document
        configuration.supplyChain = SupplyChainAdmissionCheck(
            policy: policy, evaluator: try SupplyChainEvaluator.load(policy, policyPath: path),
            client: RegistryClient(transport: try AsyncHTTPTransport(options: AsyncHTTPTransport.Options())))
        return configuration
    }

    static let rules =
        "  signatures:\n    - name: release\n      keyless: {subject: '\(identity)', issuer: '\(issuer)'}\n"
        + "  provenance:\n    - name: slsa\n      keyless: {subject: '\(identity)', issuer: '\(issuer)'}\n"
        + "      sourceRepository: https://github.com/example/app\n"

    /// Decides a Deployment running `images` with a decider over the fixture's store.
    static func decide(_ images: [String], _ configuration: AdmissionConfiguration) async throws
        -> AdmissionDecision
    {
        let fixture = try await ServerFixture.make(.sqlite)
        let decider = AdmissionDecider(
            configuration: configuration,
            assessor: StoreImageAssessor(
                store: fixture.server.store, database: fixture.server.database, configuration: configuration))
        let review = try AdmissionReviewRequest.decode(
            Array(buffer: AdmissionFixtures.review(AdmissionFixtures.deployment(images))))
        let decision = await decider.decide(review)
        await fixture.close()
        return decision
    }

    /// Runs `body` with the configuration for `supplyChain`, then closes its registry client.
    static func with(
        _ supplyChain: String, in images: SigstoreMaterial.PushedImages,
        _ body: (inout AdmissionConfiguration) async throws -> Void
    ) async throws {
        var configuration = try configuration(supplyChain, in: images)
        do {
            try await body(&configuration)
        } catch {
            await configuration.supplyChain?.shutdown()
            throw error
        }
        await configuration.supplyChain?.shutdown()
    }

    @Test("a signed, attested image is admitted; the audit record names the signature and certificate")
    func signedImageIsAdmitted() async throws {
        guard let images = try SigstoreMaterial.pushedImages() else { return }
        try await Self.with(Self.rules, in: images) { configuration in
            let digest = try #require(images.digests["1.0"])
            let image = images.reference("@\(digest)")
            let decision = try await Self.decide([image], configuration)
            #expect(decision.response.response.allowed, "\(decision.response.response.status?.message ?? "")")
            let lines = decision.record.supplyChain?[image] ?? []
            #expect(lines.count == 2)
            #expect(
                lines.first?.contains(
                    "met by sha256-\(digest.dropFirst(7)).sig layer sha256:") == true, "\(lines)")
            #expect(lines.first?.contains("signed by \(Self.identity) via \(Self.issuer) (certificate sha256:") == true)
            #expect(lines.last?.contains(".att layer") == true, "\(lines)")
            // The result is remembered by digest: the next admission of the image answers from memory.
            let check = try #require(configuration.supplyChain)
            #expect(check.remembered(try ImageReference.parse(image))?.allSatisfy(\.isSatisfied) == true)
        }
    }

    @Test("unsigned, tampered, expired and wrongly signed images are denied with the reason")
    func badImagesAreDenied() async throws {
        guard let images = try SigstoreMaterial.pushedImages() else { return }
        try await Self.with(
            "  requireDigest: true\n  signatures:\n    - name: release\n"
                + "      keyless: {subject: '\(Self.identity)', issuer: '\(Self.issuer)'}\n"
                + "    - name: google\n      action: warn\n"
                + "      keyless: {subject: '\(Self.identity)', issuer: https://accounts.google.com}\n",
            in: images
        ) { configuration in
            let cases = [
                ("unsigned", "no tag sha256-"), ("tampered", "the log entry is for artifact"),
                ("expired", "(after it expired)"), ("other-digest", "the signature is for image sha256:"),
            ]
            let decision = try await Self.decide(cases.map { images.reference(":\($0.0)") }, configuration)
            #expect(!decision.response.response.allowed)
            #expect(decision.record.rules == [.supplyChain])
            let message = decision.response.response.status?.message ?? ""
            for (tag, reason) in cases {
                let image = images.reference(":\(tag)")
                #expect(message.contains("image \(image): [supply-chain] signature rule 'release'"), "\(message)")
                #expect(message.contains("image \(image): [supply-chain] digest rule 'requireDigest'"), "\(message)")
                let lines = decision.record.supplyChain?[image] ?? []
                #expect(lines.contains { $0.contains("'release'") && $0.contains(reason) }, "\(tag): \(lines)")
            }
            // The signed image by tag: only the digest rule fails; the warn rule's wrong issuer is a warning.
            let signed = try await Self.decide([images.reference(":1.0")], configuration)
            let signedMessage = signed.response.response.status?.message ?? ""
            #expect(signedMessage.contains("not by digest"), "\(signedMessage)")
            #expect(!signedMessage.contains("'release'"), "\(signedMessage)")
            let warnings = signed.response.response.warnings ?? []
            #expect(
                warnings.contains { $0.contains("signature rule 'google'") }, "\(warnings)")
            // Kubernetes clips warnings; the audit record keeps the whole reason.
            let lines = signed.record.supplyChain?[images.reference(":1.0")] ?? []
            #expect(lines.contains { $0.contains("'google'") && $0.contains("OIDC issuer is '\(Self.issuer)'") })
        }
    }

    @Test("signatures and attestations attached as OCI 1.1 referrers (Sigstore bundles) are found and judged")
    func referrersAreJudged() async throws {
        guard let images = try SigstoreMaterial.pushedImages(), let pushed = try SigstoreMaterial.pushedReferrers()
        else { return }
        try await Self.with(Self.rules, in: images) { configuration in
            let image = pushed.reference("bundled")
            let decision = try await Self.decide([image], configuration)
            #expect(decision.response.response.allowed, "\(decision.response.response.status?.message ?? "")")
            let lines = decision.record.supplyChain?[image] ?? []
            #expect(lines.count == 2)
            #expect(lines.allSatisfy { $0.contains("met by referrer sha256:") }, "\(lines)")
            let other = pushed.reference("referrer-other-digest")
            let denied = try await Self.decide([other], configuration)
            #expect(!denied.response.response.allowed)
            let reasons = denied.record.supplyChain?[other] ?? []
            #expect(
                reasons.contains { $0.contains("'release'") && $0.contains("the bundle signs sha256:") }, "\(reasons)")
        }
    }

    @Test("a registry that cannot be reached fails closed, or open with a warning")
    func unreachableRegistry() async throws {
        guard let images = try SigstoreMaterial.pushedImages() else { return }
        try await Self.with(Self.rules, in: images) { configuration in
            configuration.timeBudget = .seconds(2)
            // A loopback port nothing listens on.
            let image = "127.0.0.1:9/supply-chain/app@\(images.digests["1.0"] ?? "")"
            let closed = try await Self.decide([image], configuration)
            #expect(!closed.response.response.allowed)
            #expect(
                closed.response.response.status?.message.contains("signatures cannot be checked, failing closed")
                    == true)
            configuration.failurePolicy = .open
            let open = try await Self.decide([image], configuration)
            #expect(open.response.response.allowed)
            #expect(open.response.response.warnings?.contains { $0.contains("failurePolicy: open") } == true)
        }
    }
}
