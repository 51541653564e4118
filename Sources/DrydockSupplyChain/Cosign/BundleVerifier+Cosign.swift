import Crypto
import X509

extension BundleVerifier {
    /// Verifies one cosign image signature for the image manifest `imageDigest` (`sha256:…`): the payload is
    /// the layer's, it names that digest, and its signature, certificate and Rekor evidence hold under `policy`.
    ///
    /// - Parameters:
    ///   - payload: the layer's bytes (the simple-signing payload), as the registry served them.
    ///   - ignoringMissingLog: accept a key-based signature that has no Rekor evidence at all (`cosign sign
    ///     --tlog-upload=false`), as cosign's `--insecure-ignore-tlog` does; the result then carries a warning.
    ///     Evidence that is there is still verified.
    public func verify(
        cosign layer: CosignSignatureLayer, payload: [UInt8], imageDigest: String, policy: VerificationPolicy,
        ignoringMissingLog: Bool = false
    ) async throws(SupplyChainError) -> VerificationResult {
        guard "sha256:" + hex(Array(SHA256.hash(data: payload))) == layer.digest else {
            throw .failed("the signature payload does not match its layer digest \(layer.digest)")
        }
        let simpleSigning = try SimpleSigningPayload.parse(payload, source: "signature payload \(layer.digest)")
        guard simpleSigning.dockerManifestDigest == imageDigest else {
            throw .failed(
                "the signature is for image \(simpleSigning.dockerManifestDigest), not \(imageDigest)",
                at: "signature payload \(layer.digest)")
        }
        if layer.rekor == nil {
            return try verifyUnlogged(
                try layer.bundle(), artifact: .bytes(payload), policy: policy, allowed: ignoringMissingLog)
        }
        return try await verify(try layer.bundle(), artifact: .bytes(payload), policy: policy)
    }

    /// Verifies one cosign attestation (a DSSE envelope layer of the `sha256-<digest>.att` manifest) for the
    /// image manifest `imageDigest`: the envelope is the layer's, its in-toto statement names that digest as a
    /// subject, and its signature, certificate and Rekor evidence hold under `policy`.
    public func verify(
        attestation layer: CosignSignatureLayer, envelope: [UInt8], imageDigest: String, policy: VerificationPolicy,
        ignoringMissingLog: Bool = false
    ) async throws(SupplyChainError) -> VerificationResult {
        guard "sha256:" + hex(Array(SHA256.hash(data: envelope))) == layer.digest else {
            throw .failed("the attestation envelope does not match its layer digest \(layer.digest)")
        }
        guard imageDigest.hasPrefix("sha256:"), let digest = hexBytes(String(imageDigest.dropFirst(7))) else {
            throw .failed("the image digest \(imageDigest) is not sha256")
        }
        if layer.rekor == nil {
            return try verifyUnlogged(
                try layer.bundle(payload: envelope), artifact: .sha256Digest(digest), policy: policy,
                allowed: ignoringMissingLog)
        }
        return try await verify(
            try layer.bundle(payload: envelope), artifact: .sha256Digest(digest), policy: policy)
    }

    /// The warning a signature accepted without transparency-log evidence carries (cosign's, in substance).
    public static let unloggedWarning =
        "accepted without a transparency-log entry (insecure-ignore-tlog): nothing public records when or that it "
        + "was signed, and a leaked key's signatures cannot be told apart"

    /// A cosign signature without Rekor evidence (`--tlog-upload=false`): accepted only when `allowed`, only for a
    /// key (a Fulcio certificate lives minutes and means nothing without a logged time), checking the signature.
    private func verifyUnlogged(
        _ bundle: SigstoreBundle, artifact: VerificationArtifact, policy: VerificationPolicy, allowed: Bool
    ) throws(SupplyChainError) -> VerificationResult {
        guard allowed else {
            throw .failed(
                "the signature has no transparency-log evidence (no dev.sigstore.cosign/bundle annotation: signed "
                    + "with --tlog-upload=false); it is accepted only when told to ignore the log "
                    + "(--insecure-ignore-tlog, or insecureIgnoreTlog: true on a key rule)")
        }
        guard case .key(let key) = policy else {
            throw .failed(
                "the keyless signature has no transparency-log evidence: its certificate cannot be judged at a "
                    + "logged time, so ignoring the log is allowed for key-based signatures only")
        }
        if case .certificates(let ders) = bundle.verificationMaterial.key {
            guard let certificate = try? Certificate(derEncoded: ders[0]), VerificationKey(certificate.publicKey) == key
            else { throw .failed("the signature's certificate holds a different key than the one given") }
        }
        let predicateType = try SignatureVerifier.verify(bundle.content, key: key, artifact: artifact)
        return VerificationResult(
            signingTime: nil, identity: nil, logIndexes: [], predicateType: predicateType,
            warning: Self.unloggedWarning)
    }
}
