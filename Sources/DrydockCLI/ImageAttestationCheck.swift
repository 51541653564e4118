import DrydockImage
import DrydockModel
import DrydockNetwork
import DrydockPolicy
import DrydockSBOM
import DrydockSupplyChain
import Foundation

/// The attestations `drydock image` reads for a registry image without a policy rule asking: the SBOM
/// attestation that replaces layer analysis (`--sbom-sources oci`), the OpenVEX attestations applied as VEX
/// (`--vex oci`) and the SLSA provenance stated in the report.
/// Only attestations signed by a trusted signer count: the flags' (`--key`, `--certificate-identity…`) and
/// those the policy's `supplyChain:` rules name.
struct ImageAttestationCheck {
    var evaluator: SupplyChainEvaluator
    var signers: [SignerRequirement]
    /// `--sbom-sources oci`: use a verified SBOM attestation as the inventory.
    var usesSBOM: Bool
    /// `--vex oci`: apply the verified OpenVEX attestations.
    var usesVEX = false
    /// Where cosign stored the attestations, when not in the image's repository.
    var repository: ImageReference?

    /// What the attestations give one image.
    struct Outcome {
        var attestations = ImageAttestations()
        /// The SBOM read from the verified SBOM attestation (`--sbom-sources oci`), when one verified.
        var sbom: SBOMReader.Result?
        /// The verified OpenVEX attestations' documents (`--vex oci`), each named by its evidence; `nil` when
        /// `--vex oci` was not given.
        var vex: [VEXDocument]?
        /// Why no SBOM attestation was used, and the layers were analysed instead.
        var warnings: [String] = []
        /// Why OpenVEX attestations were not applied (`--vex oci`).
        var vexWarnings: [String] = []
    }

    /// The check the flags and policy ask for; `nil` when there is nothing to verify (no signer, no
    /// `--sbom-sources oci`, no `--vex oci`). `--sbom-sources oci` or `--vex oci` without any signer is a usage
    /// error: Drydock never scans an SBOM, or applies a VEX statement, whose signer it was not told to trust.
    static func load(
        sources: SBOMSourceOptions, vex: Bool = false, signer options: AttestationSignerOptions,
        supplyChain: SupplyChainCheck?
    ) throws -> ImageAttestationCheck? {
        try load(sbom: sources.usesAttestations, vex: vex, signer: options, supplyChain: supplyChain)
    }

    /// ``load(sources:vex:signer:supplyChain:)`` with `sbom` saying whether an SBOM attestation is wanted.
    static func load(
        sbom usesSBOM: Bool, vex: Bool, signer options: AttestationSignerOptions, supplyChain: SupplyChainCheck?
    ) throws -> ImageAttestationCheck? {
        let flagSigner = try options.signer()
        var signers = flagSigner.map { [$0] } ?? []
        for signer in supplyChain?.policy.signers ?? [] where !signers.contains(signer) { signers.append(signer) }
        guard !signers.isEmpty else {
            if usesSBOM || vex {
                let what =
                    usesSBOM
                    ? "--sbom-sources oci scans only an SBOM attestation"
                    : "--vex oci applies only an OpenVEX attestation"
                throw CommandFailure(
                    .usage,
                    "\(what) whose signature verifies for a signer you trust: "
                        + "give --key FILE, or --certificate-identity (or --certificate-identity-regexp) with "
                        + "--certificate-oidc-issuer (or --certificate-oidc-issuer-regexp), or a --policy whose "
                        + "supplyChain: rules name signers")
            }
            return nil
        }
        var evaluator: SupplyChainEvaluator
        if let path = options.trustedRoot {
            evaluator = SupplyChainEvaluator(
                trustedRoot: try read(path, what: "trusted root") { bytes throws(SupplyChainError) in
                    try TrustedRoot.parse(bytes, source: path)
                }, keys: supplyChain?.evaluator.keys ?? [:])
        } else if let supplyChain {
            evaluator = supplyChain.evaluator
        } else {
            do {
                evaluator = SupplyChainEvaluator(trustedRoot: try TrustedRoot.publicGood, keys: [:])
            } catch {
                throw CommandFailure(.target, "the built-in trusted root cannot be read: \(error)")
            }
        }
        if case .key(let path)? = flagSigner {
            evaluator.keys[path] = try read(path, what: "key") { bytes throws(SupplyChainError) in
                try VerificationKey(pemOrDER: bytes, source: path)
            }
        }
        let repository: ImageReference?
        if let supplyChain {
            repository = supplyChain.signatureRepository
        } else {
            do {
                repository = try ImageSupplyChainFetcher.signatureRepository(
                    SupplyChainPolicy(location: SourceLocation(file: "flags")),
                    environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CommandFailure(.usage, "\(error)")
            }
        }
        return ImageAttestationCheck(
            evaluator: evaluator, signers: signers, usesSBOM: usesSBOM, usesVEX: vex, repository: repository)
    }

    /// Verifies the attestations in `material` for `manifestDigest` (the scanned platform's manifest): the
    /// verified provenance, and — with `--sbom-sources oci` — the first verified SBOM attestation that reads,
    /// the platform manifest's before the index's.
    func judge(_ material: [ImageSupplyChainMaterial], manifestDigest: String) async -> Outcome {
        let verification = await evaluator.verifiedAttestations(material, signers: signers)
        var outcome = Outcome()
        outcome.attestations.provenance = verification.of { $0 == .slsaProvenance }.map(\.evidence)
        if usesVEX { applyVEX(verification, manifestDigest: manifestDigest, to: &outcome) }
        guard usesSBOM else { return outcome }
        let sboms = verification.of(\.isSBOM)
        let ordered =
            sboms.filter { $0.evidence.signedDigest == manifestDigest }
            + sboms.filter { $0.evidence.signedDigest != manifestDigest }
        var problems: [String] = []
        for attestation in ordered {
            do {
                guard let document = try attestation.statement.sbomDocument() else { continue }
                let sbom = try SBOMReader.read(document, path: attestation.evidence.source)
                outcome.sbom = sbom
                outcome.attestations.inventory = AttestedInventory(
                    predicateType: attestation.statement.predicateType, format: sbom.format,
                    evidence: attestation.evidence)
                return outcome
            } catch {
                problems.append("\(attestation.evidence.source): the SBOM cannot be read: \(error)")
            }
        }
        // Attestations of other kinds (provenance signed by someone else) are not why no SBOM was used.
        let unsigned = verification.rejected.filter { $0.predicateType.map { AttestationPredicate($0).isSBOM } ?? true }
        var reasons = problems + unsigned.map(\.description) + verification.notes
        if reasons.isEmpty { reasons = ["the image has no SBOM attestation"] }
        outcome.warnings.append(
            "no verified SBOM attestation for \(manifestDigest) (\(reasons.joined(separator: "; "))); "
                + "the image's layers were analysed instead")
        return outcome
    }

    private static func read<Value>(
        _ path: String, what: String, parse: ([UInt8]) throws(SupplyChainError) -> Value
    ) throws -> Value {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.usage, "cannot read the \(what) \(path)")
        }
        do {
            return try parse(Array(data))
        } catch {
            throw CommandFailure(.usage, "the \(what) \(path): \(error)")
        }
    }
}
