import ArgumentParser

/// `--sbom-sources` and `--rekor-url`, Trivy's names: where `drydock image` may take the image's packages from
/// instead of analysing its layers.
struct SBOMSourceOptions: ParsableArguments {
    /// One source.
    enum Source: String, CaseIterable {
        /// A verified SBOM attestation attached to the image in its registry (cosign's `sha256-<hex>.att`).
        case oci
        /// Trivy's Rekor search: not supported (a warning; the next source, else the layers, is used).
        case rekor
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Take the image's packages from a verified SBOM attestation instead of its layers: oci (alias "
                + "attestation). Needs a signer: --key, --certificate-identity[-regexp] with "
                + "--certificate-oidc-issuer[-regexp], or a --policy with supply-chain signers. rekor is not supported "
                + "(warning). Falls back to the layers, with a warning, when no SBOM attestation verifies.",
            valueName: "oci,rekor"))
    var sbomSources: String?

    @Option(
        name: .customLong("rekor-url"),
        help: ArgumentHelp("Accepted for Trivy compatibility; Drydock does not search Rekor.", valueName: "URL"))
    var rekorURL: String?

    func validate() throws {
        _ = try sources()
    }

    /// The sources in the order given; `attestation` (issue 19's word) is `oci`.
    func sources() throws -> [Source] {
        guard let sbomSources else { return [] }
        var sources: [Source] = []
        for part in sbomSources.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let source = name == "attestation" ? .oci : Source(rawValue: name) else {
                throw ValidationError("--sbom-sources: unknown source '\(name)' (use oci, alias attestation; or rekor)")
            }
            if !sources.contains(source) { sources.append(source) }
        }
        return sources
    }

    /// Whether `--sbom-sources` names `oci` (or `attestation`).
    var usesAttestations: Bool { (try? sources().contains(.oci)) == true }

    /// Warnings for what is given but not done: `rekor`, `--rekor-url`.
    var warnings: [String] {
        var warnings: [String] = []
        if (try? sources().contains(.rekor)) == true {
            warnings.append(
                "--sbom-sources rekor is not supported: Drydock does not search Rekor for an image's SBOM (it reads "
                    + "nothing but the registry and the DB); attach the SBOM as a signed attestation (cosign attest "
                    + "--type cyclonedx) and use --sbom-sources oci (docs/supply-chain.md)")
        }
        if rekorURL != nil {
            warnings.append("--rekor-url has no effect: Drydock does not search Rekor")
        }
        return warnings
    }

    /// Warns that `--sbom-sources oci` cannot apply to `name`, read from an archive or a local engine: cosign
    /// attestations are found in a registry, next to the image's digest (Trivy falls back the same way).
    func warnNotFromRegistry(_ name: String, quiet: Bool) {
        guard usesAttestations, !quiet else { return }
        Console.error(
            "drydock: warning: --sbom-sources oci: \(name) was not pulled from a registry, so it has no attestations "
                + "to read; its layers are analysed (pull it by reference, with --image-src remote)")
    }
}
