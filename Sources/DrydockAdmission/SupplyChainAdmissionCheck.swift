import DrydockNetwork
import DrydockPolicy
import DrydockSupplyChain
import Foundation
import Synchronization

/// The gate policy's supply-chain rules at admission (`docs/admission.md#supply-chain-rules`): an image's
/// reference is resolved to its digest in its registry, its cosign signatures and attestations are fetched and
/// verified, and the rules judged — the same rules and code as `drydock image --policy`.
///
/// Results are remembered by digest so repeated admissions of one image answer from memory within the time
/// budget: rules met for `ttl`, rules not met for `failureTTL` (a signature pushed after a denial counts soon).
/// A tag is remembered as its digest for `tagTTL`, like the store's lookups.
///
/// With a ``PlatformResolver``, a reference naming an index is judged for each configured platform the index
/// lists, as `drydock image` judges the platform it scans: the signatures of the index digest, then those of the
/// platform's manifest digest (`cosign sign --recursive`); a rule is met when it is met for every platform.
public final class SupplyChainAdmissionCheck: Sendable, Hashable {
    public let policy: SupplyChainPolicy
    public let evaluator: SupplyChainEvaluator
    public let client: RegistryClient
    public let ttl: TimeInterval
    public let failureTTL: TimeInterval
    public let tagTTL: TimeInterval
    /// Where cosign stored the signatures, when not in the image's repository.
    public let signatureRepository: ImageReference?
    /// Resolves an index to its platforms' images; `nil`: the digest the reference names is judged alone.
    public let resolver: PlatformResolver?
    private let results = Mutex<[String: (results: [SupplyChainRuleResult], until: Date)]>([:])
    private let tags = Mutex<[String: (digest: String, until: Date)]>([:])

    public init(
        policy: SupplyChainPolicy, evaluator: SupplyChainEvaluator, client: RegistryClient, ttl: TimeInterval = 300,
        failureTTL: TimeInterval = 30, tagTTL: TimeInterval = 10, signatureRepository: ImageReference? = nil,
        resolver: PlatformResolver? = nil
    ) {
        self.signatureRepository = signatureRepository
        self.resolver = resolver
        self.policy = policy
        self.evaluator = evaluator
        self.client = client
        self.ttl = ttl
        self.failureTTL = failureTTL
        self.tagTTL = tagTTL
    }

    /// Closes the registry client's connections (before the check is released).
    public func shutdown() async {
        await (client.transport as? AsyncHTTPTransport)?.shutdown()
    }

    /// The results for `reference` from memory, without waiting; `nil` when they must be fetched.
    public func remembered(_ reference: ImageReference, now: Date = Date()) -> [SupplyChainRuleResult]? {
        let key = reference.description
        guard let digest = reference.digest ?? tags.withLock({ $0[key] }).flatMap({ $0.until > now ? $0.digest : nil })
        else { return nil }
        return cached(digest, for: reference, now: now)
    }

    /// Resolves `reference`, fetches its signatures and attestations and judges the rules. A registry that cannot
    /// be reached is an error (the decider applies the failure policy); missing signatures are results.
    public func check(_ reference: ImageReference, now: Date = Date()) async throws -> [SupplyChainRuleResult] {
        if let known = remembered(reference, now: now) { return known }
        let image: ResolvedImage
        if let resolver {
            image = try await resolver.resolve(reference, now: now)
        } else {
            let manifest = try await client.manifest(reference)
            image = ResolvedImage(digest: manifest.digest, location: manifest.location, isIndex: false)
        }
        if reference.digest == nil {
            tags.withLock { $0[reference.description] = (image.digest, now.addingTimeInterval(tagTTL)) }
        }
        if let known = cached(image.digest, for: reference, now: now) { return known }
        let fetcher = ImageSupplyChainFetcher(client: client, signatureRepository: signatureRepository)
        let top = await fetcher.fetch(image.digest, at: image.location, attestations: policy.needsAttestations)
        // Judged as if referenced by digest; the digest rule is judged per reference below.
        let pinned = "\(reference.name)@\(image.digest)"
        var judged = await evaluator.evaluate(policy, reference: pinned, referencedByDigest: true, material: [top])
        // What the index's own signatures meet holds for every platform; the platforms' manifests are fetched only
        // when a rule is left.
        if !image.platforms.isEmpty, !judged.allSatisfy(\.isSatisfied) {
            var perPlatform: [(platform: String, results: [SupplyChainRuleResult])] = []
            for platform in image.platforms {
                let own = await fetcher.fetch(
                    platform.manifestDigest, at: image.location, attestations: policy.needsAttestations)
                let results = await evaluator.evaluate(
                    policy, reference: pinned, referencedByDigest: true, material: [top, own])
                perPlatform.append((platform.platform.description, results))
            }
            judged = Self.combining(perPlatform)
        }
        let met = judged.allSatisfy { $0.isSatisfied || $0.rule.action == .warn }
        results.withLock {
            $0[image.digest] = (judged, now.addingTimeInterval(met ? ttl : failureTTL))
        }
        return Self.judgingDigest(judged, reference: reference)
    }

    /// One result per rule from each platform's: met (by the first platform's evidence) when met for every
    /// platform, else not met with each failing platform's reasons, named.
    static func combining(_ perPlatform: [(platform: String, results: [SupplyChainRuleResult])])
        -> [SupplyChainRuleResult]
    {
        guard let first = perPlatform.first else { return [] }
        return first.results.indices.map { index in
            var combined = first.results[index]
            let failing = perPlatform.filter { !$0.results[index].isSatisfied }
            guard !failing.isEmpty else { return combined }
            combined.satisfiedBy = nil
            combined.reasons = failing.map { platform, results in
                "\(platform): "
                    + (results[index].reasons.isEmpty ? "no evidence" : results[index].reasons.joined(separator: "; "))
            }
            return combined
        }
    }

    private func cached(_ digest: String, for reference: ImageReference, now: Date) -> [SupplyChainRuleResult]? {
        guard let entry = results.withLock({ $0[digest] }), entry.until > now else { return nil }
        return Self.judgingDigest(entry.results, reference: reference)
    }

    /// The cached results for a digest, with the digest rule judged for this reference (a tag is not a digest).
    static func judgingDigest(_ results: [SupplyChainRuleResult], reference: ImageReference)
        -> [SupplyChainRuleResult]
    {
        guard reference.digest == nil else { return results }
        return results.map { result in
            guard case .digestReference = result.rule.requirement else { return result }
            var judged = result
            judged.satisfiedBy = nil
            judged.reasons = ["the image is referenced as '\(reference)', not by digest (NAME@sha256:…)"]
            return judged
        }
    }

    public static func == (lhs: SupplyChainAdmissionCheck, rhs: SupplyChainAdmissionCheck) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
