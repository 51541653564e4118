import DrydockPolicy

/// An attestation whose DSSE envelope verified for a trusted signer, with the statement it carries.
public struct VerifiedAttestation: Sendable, Hashable {
    /// Where it was found, who signed it and when; for SLSA provenance, its facts.
    public var evidence: SupplyChainEvidence
    public var statement: AttestationStatement
}

/// An attestation no trusted signer accepted, and why.
public struct RejectedAttestation: Sendable, Hashable, CustomStringConvertible {
    /// `sha256-….att layer sha256:…`.
    public var label: String
    /// The predicate type cosign recorded in the layer's `predicateType` annotation, when it did.
    public var predicateType: String?
    /// Why each signer refused it, `; `-separated.
    public var reason: String

    public var description: String { "\(label): \(reason)" }
}

/// The attestations of an image judged against the trusted signers: those that verified, and why the others
/// did not.
public struct AttestationVerification: Sendable, Hashable {
    /// In the order found: the platform manifest's attestations before the index's when both were fetched.
    public var verified: [VerifiedAttestation]
    /// The attestations that no signer accepted (or whose statement cannot be read).
    public var rejected: [RejectedAttestation]
    /// Why attestations are missing (no `.att` tag, a registry error).
    public var notes: [String]

    /// The verified attestations of `kind`.
    public func of(_ kind: (AttestationPredicate) -> Bool) -> [VerifiedAttestation] {
        verified.filter { kind($0.statement.kind) }
    }
}

extension SupplyChainEvaluator {
    /// Verifies every attestation of `material` for each of `signers` (keyless: chain to the trusted root, SCT,
    /// log evidence, then identity and issuer; key-based: that key), the statement's subject being the image's
    /// digest; the first signer that accepts one is its evidence. SLSA provenance attestations get their facts.
    ///
    /// No I/O: the material is fetched by ``ImageSupplyChainFetcher`` (or any other source of the same layers).
    public func verifiedAttestations(_ material: [ImageSupplyChainMaterial], signers: [SignerRequirement]) async
        -> AttestationVerification
    {
        var cache: [String: Verified] = [:]
        var result = AttestationVerification(verified: [], rejected: [], notes: [])
        for image in material {
            result.notes += image.notes.filter { $0.concerns(attestations: true) }.map(\.text)
            for layer in image.attestations {
                var reasons: [String] = []
                var accepted: SupplyChainEvidence?
                for signer in signers where accepted == nil {
                    let verified = await verify(layer, image: image, signer: signer, cache: &cache)
                    switch self.evidence(verified, layer: layer, image: image.imageDigest, signer: signer) {
                    case .success(let found): accepted = found
                    case .failure(let reason):
                        let text = reason.description
                        let prefix = "\(layer.label): "
                        let short = text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
                        if !reasons.contains(short) { reasons.append(short) }
                    }
                }
                guard var signed = accepted else {
                    let why = signers.isEmpty ? ["no trusted signer is configured"] : reasons
                    result.rejected.append(
                        RejectedAttestation(
                            label: layer.label, predicateType: layer.predicateType,
                            reason: why.joined(separator: "; ")))
                    continue
                }
                do {
                    guard let payload = try layer.statement() else {
                        throw SupplyChainError.malformed("carries no in-toto statement", at: layer.label)
                    }
                    let statement = try AttestationStatement.parse(payload, source: "\(layer.label) statement")
                    if statement.kind == .slsaProvenance {
                        signed.provenance = try SLSAProvenance.facts(
                            statement: payload, source: "\(layer.label) statement")
                    }
                    result.verified.append(VerifiedAttestation(evidence: signed, statement: statement))
                } catch {
                    result.rejected.append(
                        RejectedAttestation(
                            label: layer.label, predicateType: layer.predicateType, reason: "\(error)"))
                }
            }
        }
        return result
    }
}
