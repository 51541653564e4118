import ArgumentParser
import DrydockPolicy
import DrydockSupplyChain

/// Who may sign the attestations `drydock image` reads without a policy rule asking — the SBOM attestation used
/// as the inventory (`--sbom-sources oci`) and the SLSA provenance shown in the report: cosign
/// `verify-attestation`'s flag names.
struct AttestationSignerOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Trust attestations (--sbom-sources oci, provenance in the report) signed with this PEM public key.",
            valueName: "PATH"))
    var key: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Attestations signed keyless by this certificate identity (SAN).", valueName: "IDENTITY"))
    var certificateIdentity: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "… or by an identity this regular expression matches in full (cosign's matches anywhere).",
            valueName: "REGEX"))
    var certificateIdentityRegexp: String?

    @Option(
        name: .customLong("certificate-oidc-issuer"),
        help: ArgumentHelp("The OIDC issuer the signing certificate must name (keyless).", valueName: "URL"))
    var certificateOIDCIssuer: String?

    @Option(
        name: .customLong("certificate-oidc-issuer-regexp"),
        help: ArgumentHelp("… or an issuer this regular expression matches in full.", valueName: "REGEX"))
    var certificateOIDCIssuerRegexp: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "trusted_root.json: the Rekor logs and Fulcio CAs attestations are checked against (default: the "
                + "policy's, else the public-good instance's).",
            valueName: "FILE"))
    var trustedRoot: String?

    func validate() throws {
        _ = try signer()
    }

    /// The signer the flags name, or `nil` when they name none.
    func signer() throws -> SignerRequirement? {
        let subject = try Self.match(certificateIdentity, certificateIdentityRegexp, "--certificate-identity")
        let issuer = try Self.match(certificateOIDCIssuer, certificateOIDCIssuerRegexp, "--certificate-oidc-issuer")
        switch (key, subject, issuer) {
        case (nil, nil, nil): return nil
        case (let key?, nil, nil): return .key(path: key)
        case (nil, let subject?, let issuer?): return .keyless(subject: subject, issuer: issuer)
        case (.some, _, _):
            throw ValidationError("--key cannot be combined with --certificate-identity or --certificate-oidc-issuer")
        default:
            // An identity without an issuer would accept anyone's certificate for that name.
            throw ValidationError(
                "a keyless signer needs both --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]")
        }
    }

    private static func match(_ exact: String?, _ pattern: String?, _ flag: String) throws -> TextMatch? {
        switch (exact, pattern) {
        case (nil, nil): return nil
        case (let text?, nil): return .exact(text)
        case (nil, let pattern?):
            do {
                _ = try Regex(pattern)
            } catch {
                throw ValidationError("\(flag)-regexp: '\(pattern)' is not a regular expression: \(error)")
            }
            return .regularExpression(pattern)
        default: throw ValidationError("give \(flag) or \(flag)-regexp, not both")
        }
    }
}
