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
        // under the whole suite's load on two cores the checks have taken over 10 s — and over 120 s under
        // AddressSanitizer, whose whole-suite runs keep both cooperative threads busy with synchronous tests (a
        // response body nobody reads meanwhile also outlasts the 60 s read timeout).
        let sanitized = Sanitizer.active != nil
        configuration.timeBudget = .seconds(sanitized ? 900 : 120)
        configuration.policyDocument = document
        configuration.supplyChain = SupplyChainAdmissionCheck(
            policy: policy, evaluator: try SupplyChainEvaluator.load(policy, policyPath: path),
            client: RegistryClient(
                transport: try AsyncHTTPTransport(
                    options: AsyncHTTPTransport.Options(readTimeout: sanitized ? 900 : 60))
            ))
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

    /// The configuration for `supplyChain` with a platform resolver for `platforms` sharing the check's client.
    static func withPlatforms(
        _ platforms: [ImagePlatform], in images: SigstoreMaterial.PushedImages,
        _ body: (AdmissionConfiguration) async throws -> Void
    ) async throws {
        let base = try configuration(
            "  signatures:\n    - name: release\n      keyless: {subject: '\(identity)', issuer: '\(issuer)'}\n",
            in: images)
        let check = try #require(base.supplyChain)
        let resolver = PlatformResolver(client: check.client, platforms: platforms)
        var configuration = base
        configuration.platforms = platforms
        configuration.platformResolver = resolver
        configuration.supplyChain = SupplyChainAdmissionCheck(
            policy: check.policy, evaluator: check.evaluator, client: check.client, resolver: resolver)
        do {
            try await body(configuration)
        } catch {
            await check.shutdown()
            throw error
        }
        await check.shutdown()
    }

    @Test("a multi-platform image: the index's signature covers every platform; a platform's own signature its own")
    func multiPlatformSignatures() async throws {
        guard let images = try SigstoreMaterial.pushedImages() else { return }
        try await Self.withPlatforms(ImagePlatform.defaults, in: images) { configuration in
            // cosign signed the index digest: met for linux/amd64 and linux/arm64 alike.
            let signed = try await Self.decide([images.reference(":multi")], configuration)
            #expect(signed.response.response.allowed, "\(signed.response.response.status?.message ?? "")")
            let line = signed.record.supplyChain?[images.reference(":multi")]?.first ?? ""
            let index = images.digests["multi"] ?? "?"
            #expect(line.contains("met by sha256-\(index.dropFirst(7)).sig layer"), "\(line)")
            // Only the linux/amd64 image is signed: linux/arm64's nodes would run an unsigned image.
            let partial = try await Self.decide([images.reference(":multi-partial")], configuration)
            let message = partial.response.response.status?.message ?? ""
            #expect(!partial.response.response.allowed)
            #expect(partial.record.rules == [.supplyChain], "\(message)")
            #expect(message.contains("linux/arm64/v8: "), "\(message)")
            #expect(!message.contains("linux/amd64: "), "\(message)")
            let arm = images.platforms["multi-partial"]?["linux/arm64/v8"]?["manifest"] ?? "?"
            #expect(message.contains("no tag sha256-\(arm.dropFirst(7)).sig"), "\(message)")
        }
        // A cluster of amd64 nodes: the platform's own signature (cosign sign --recursive) is enough.
        try await Self.withPlatforms([ImagePlatform(os: "linux", architecture: "amd64")], in: images) { configuration in
            let partial = try await Self.decide([images.reference(":multi-partial")], configuration)
            #expect(partial.response.response.allowed, "\(partial.response.response.status?.message ?? "")")
        }
    }

    @Test("results are remembered for the configured lifetimes: met, not met, and a tag's digest")
    func configuredCacheLifetimes() async throws {
        guard let images = try SigstoreMaterial.pushedImages() else { return }
        let base = try Self.configuration(Self.rules, in: images).supplyChain
        let check = try #require(base)
        let timed = SupplyChainAdmissionCheck(
            policy: check.policy, evaluator: check.evaluator, client: check.client, ttl: 120, failureTTL: 20,
            tagTTL: 5)
        let now = Date()
        let signed = try ImageReference.parse(images.reference("@\(images.digests["1.0"] ?? "")"))
        let unsigned = try ImageReference.parse(images.reference(":unsigned"))
        let met = try await timed.check(signed, now: now)
        let notMet = try await timed.check(unsigned, now: now)
        let metCount = met.filter(\.isSatisfied).count
        let notMetCount = notMet.filter(\.isSatisfied).count
        #expect(metCount == met.count && notMetCount < notMet.count)
        #expect(timed.remembered(signed, now: now.addingTimeInterval(119)) != nil)
        #expect(timed.remembered(signed, now: now.addingTimeInterval(121)) == nil)
        // The unsigned image by tag: its digest for 5 s, its (unmet) result for 20 s.
        #expect(timed.remembered(unsigned, now: now.addingTimeInterval(4)) != nil)
        #expect(timed.remembered(unsigned, now: now.addingTimeInterval(6)) == nil)
        let digest = try #require(timed.remembered(unsigned, now: now)?.first?.imageDigest)
        let pinned = try ImageReference.parse(images.reference("@\(digest)"))
        #expect(timed.remembered(pinned, now: now.addingTimeInterval(19)) != nil)
        #expect(timed.remembered(pinned, now: now.addingTimeInterval(21)) == nil)
        await check.shutdown()
    }
}
