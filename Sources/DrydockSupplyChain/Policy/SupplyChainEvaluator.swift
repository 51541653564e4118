import Crypto
import DrydockPolicy
import Foundation

/// Judges a policy's supply-chain rules for an image from the material its registry holds: each signature and
/// attestation is verified once per signer (keyless: chain, SCT and log evidence; key-based: that key), then
/// each rule is met by the first one whose identity, issuer or provenance facts it accepts.
///
/// No I/O: the caller fetches the material (``ImageSupplyChainFetcher``) and reads the key files.
public struct SupplyChainEvaluator: Sendable {
    public var trustedRoot: TrustedRoot
    /// The keys the rules name, by the path as written in the policy.
    public var keys: [String: VerificationKey]

    public init(trustedRoot: TrustedRoot, keys: [String: VerificationKey]) {
        self.trustedRoot = trustedRoot
        self.keys = keys
    }

    /// One verified layer: the verification result, or why it failed.
    typealias Verified = Result<VerificationResult, SupplyChainError>

    /// The result of every rule of `policy` for an image named by `reference` whose material (top-level digest
    /// first, then the platform manifest's, when they differ) is `material`.
    public func evaluate(
        _ policy: SupplyChainPolicy, reference: String, referencedByDigest: Bool, material: [ImageSupplyChainMaterial]
    ) async -> [SupplyChainRuleResult] {
        var cache: [String: Verified] = [:]
        var results: [SupplyChainRuleResult] = []
        let digest = material.first?.imageDigest
        for rule in policy.rules {
            var result = SupplyChainRuleResult(rule: rule, imageDigest: digest)
            switch rule.requirement {
            case .digestReference:
                if referencedByDigest, let digest {
                    result.satisfiedBy = SupplyChainEvidence(source: "reference \(reference)", signedDigest: digest)
                } else {
                    result.reasons = ["the image is referenced as '\(reference)', not by digest (NAME@sha256:…)"]
                }
            case .signature(let signer):
                for image in material where result.satisfiedBy == nil {
                    result.reasons += image.notes.filter { $0.concerns(attestations: false) }.map(\.text)
                    for layer in image.signatures where result.satisfiedBy == nil {
                        let verified = await verify(
                            layer, image: image, signer: signer, ignoringMissingLog: rule.insecureIgnoreTlog,
                            cache: &cache)
                        judge(verified, layer: layer, image: image.imageDigest, signer: signer, into: &result)
                    }
                }
            case .provenance(let signer, let wanted):
                for image in material where result.satisfiedBy == nil {
                    result.reasons += image.notes.filter { $0.concerns(attestations: true) }.map(\.text)
                    for layer in image.attestations where result.satisfiedBy == nil {
                        if let type = layer.predicateType, !SLSAProvenance.isProvenance(type) { continue }
                        let verified = await verify(
                            layer, image: image, signer: signer, ignoringMissingLog: rule.insecureIgnoreTlog,
                            cache: &cache)
                        judge(verified, layer: layer, image: image.imageDigest, signer: signer, into: &result)
                        guard var evidence = result.satisfiedBy else { continue }
                        switch provenanceFacts(layer, wanted: wanted) {
                        case .success(let facts):
                            evidence.provenance = facts
                            result.satisfiedBy = evidence
                        case .failure(let reason):
                            result.satisfiedBy = nil
                            result.reasons.append("\(layer.label): \(reason)")
                        }
                    }
                }
                if result.satisfiedBy == nil, result.reasons.isEmpty {
                    result.reasons = ["no SLSA provenance attestation for \(digest ?? reference)"]
                }
            }
            if result.satisfiedBy == nil, result.reasons.isEmpty {
                result.reasons = ["no cosign signature for \(digest ?? reference)"]
            }
            // A met rule records what met it; the signatures that did not are not its reasons.
            if result.isSatisfied { result.reasons = [] }
            results.append(result)
        }
        return results
    }

    /// Verifies `layer` for `signer`, once per layer and kind of signer.
    func verify(
        _ layer: ImageSupplyChainMaterial.Layer, image material: ImageSupplyChainMaterial, signer: SignerRequirement,
        ignoringMissingLog: Bool = false, cache: inout [String: Verified]
    ) async -> Verified {
        let image = material.imageDigest
        let policy: VerificationPolicy
        // Two signers signing one payload make two layers with the same digest: the signature tells them apart.
        var cacheKey = "\(image) \(layer.identityKey)"
        switch signer {
        case .keyless:
            policy = .anyCertificate
        case .key(let path):
            guard let key = keys[path] else {
                return .failure(SupplyChainError(.malformed, "the key \(path) was not loaded"))
            }
            policy = .key(key)
            cacheKey += " key \(path) \(ignoringMissingLog)"
        }
        if let known = cache[cacheKey] { return known }
        let verified: Verified
        do {
            verified = .success(
                try await layer.verify(
                    imageDigest: image, manifest: material.imageManifest, policy: policy,
                    with: BundleVerifier(trustedRoot: trustedRoot), ignoringMissingLog: ignoringMissingLog))
        } catch {
            verified = .failure(error)
        }
        cache[cacheKey] = verified
        return verified
    }

    /// Records whether a verified layer meets the rule's signer: the evidence, or the reason it does not.
    private func judge(
        _ verified: Verified, layer: ImageSupplyChainMaterial.Layer, image: String, signer: SignerRequirement,
        into result: inout SupplyChainRuleResult
    ) {
        switch evidence(verified, layer: layer, image: image, signer: signer) {
        case .success(let evidence): result.satisfiedBy = evidence
        case .failure(let reason): result.reasons.append(reason.description)
        }
    }

    /// The evidence that a verified layer was signed by `signer`, or why not (`LABEL: reason`).
    func evidence(
        _ verified: Verified, layer: ImageSupplyChainMaterial.Layer, image: String, signer: SignerRequirement
    ) -> Result<SupplyChainEvidence, ProvenanceMismatch> {
        let verification: VerificationResult
        switch verified {
        case .failure(let error):
            return .failure(ProvenanceMismatch("\(layer.label): \(error)"))
        case .success(let value): verification = value
        }
        var evidence = SupplyChainEvidence(
            source: layer.label, signedDigest: image,
            signingTime: verification.signingTime.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            logIndexes: verification.logIndexes, warning: verification.warning)
        switch signer {
        case .key(let path):
            evidence.key = path
        case .keyless(let subject, let issuer):
            guard let identity = verification.identity else {
                return .failure(ProvenanceMismatch("\(layer.label): signed with a key, not a Fulcio certificate"))
            }
            let names = identity.subjectAlternativeNames
            guard let name = names.first(where: subject.matches) else {
                let found = names.map { "'\($0)'" }.joined(separator: ", ")
                return .failure(
                    ProvenanceMismatch("\(layer.label): the certificate's identity is \(found), not \(subject)"))
            }
            guard let oidcIssuer = identity.oidcIssuer, issuer.matches(oidcIssuer) else {
                return .failure(
                    ProvenanceMismatch(
                        "\(layer.label): the certificate's OIDC issuer is '\(identity.oidcIssuer ?? "(none)")', not \(issuer)"
                    ))
            }
            evidence.identity = name
            evidence.issuer = oidcIssuer
            evidence.certificateSHA256 = layer.certificateDER.map { "sha256:" + hex(Array(SHA256.hash(data: $0))) }
        }
        return .success(evidence)
    }

    /// The attestation's provenance facts when they meet `wanted`, else why not.
    private func provenanceFacts(_ layer: ImageSupplyChainMaterial.Layer, wanted: ProvenanceRequirement)
        -> Result<ProvenanceFacts, ProvenanceMismatch>
    {
        let facts: ProvenanceFacts
        do {
            guard let statement = try layer.statement(),
                let found = try SLSAProvenance.facts(statement: statement, source: "\(layer.label) statement")
            else {
                return .failure(ProvenanceMismatch("the attestation is not SLSA provenance"))
            }
            facts = found
        } catch {
            return .failure(ProvenanceMismatch("\(error)"))
        }
        let checks: [(String, TextMatch?, String?)] = [
            ("builder", wanted.builder, facts.builderID),
            ("source repository", wanted.sourceRepository, facts.sourceRepository),
            ("build type", wanted.buildType, facts.buildType),
        ]
        for (what, match, value) in checks {
            guard let match else { continue }
            guard let value else { return .failure(ProvenanceMismatch("the provenance names no \(what)")) }
            guard match.matches(value) else {
                return .failure(ProvenanceMismatch("the provenance's \(what) is '\(value)', not \(match)"))
            }
        }
        return .success(facts)
    }

    /// Why an attestation's provenance (or signer) does not meet a rule.
    struct ProvenanceMismatch: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
