/// What an image's verified attestations say, for the report: the build's SLSA provenance, and the SBOM
/// attestation whose packages were scanned instead of the image's layers.
///
/// Only attestations whose signature verified for a trusted signer (a key or keyless identity from the flags or
/// the policy) are here; each carries the evidence that it did (``SupplyChainEvidence``).
public struct ImageAttestations: Sendable, Hashable {
    /// Verified SLSA provenance attestations, each with its facts in ``SupplyChainEvidence/provenance``.
    public var provenance: [SupplyChainEvidence]
    /// The SBOM attestation the inventory came from; `nil` when the image's layers were analysed.
    public var inventory: AttestedInventory?

    public init(provenance: [SupplyChainEvidence] = [], inventory: AttestedInventory? = nil) {
        self.provenance = provenance
        self.inventory = inventory
    }

    /// Whether there is nothing to state.
    public var isEmpty: Bool { provenance.isEmpty && inventory == nil }
}

/// The verified SBOM attestation an image's inventory was read from (`--sbom-sources oci`).
public struct AttestedInventory: Sendable, Hashable {
    /// The statement's predicate type (`https://cyclonedx.org/bom`, `https://spdx.dev/Document`).
    public var predicateType: String
    /// The SBOM's format as read: `CycloneDX 1.6`, `SPDX-2.3`.
    public var format: String
    /// Where it was found and who signed it.
    public var evidence: SupplyChainEvidence

    public init(predicateType: String, format: String, evidence: SupplyChainEvidence) {
        self.predicateType = predicateType
        self.format = format
        self.evidence = evidence
    }

    /// `the SBOM attestation sha256-….att layer sha256:… (CycloneDX 1.6) signed by … at …`.
    public var summary: String { "the SBOM attestation \(evidence.summary) (\(format))" }
}
