import Crypto

extension BundleVerifier {
    /// Verifies one cosign image signature for the image manifest `imageDigest` (`sha256:…`): the payload is
    /// the layer's, it names that digest, and its signature, certificate and Rekor evidence hold under `policy`.
    ///
    /// - Parameter payload: the layer's bytes (the simple-signing payload), as the registry served them.
    public func verify(
        cosign layer: CosignSignatureLayer, payload: [UInt8], imageDigest: String, policy: VerificationPolicy
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
        return try await verify(try layer.bundle(), artifact: .bytes(payload), policy: policy)
    }

    /// Verifies one cosign attestation (a DSSE envelope layer of the `sha256-<digest>.att` manifest) for the
    /// image manifest `imageDigest`: the envelope is the layer's, its in-toto statement names that digest as a
    /// subject, and its signature, certificate and Rekor evidence hold under `policy`.
    public func verify(
        attestation layer: CosignSignatureLayer, envelope: [UInt8], imageDigest: String, policy: VerificationPolicy
    ) async throws(SupplyChainError) -> VerificationResult {
        guard "sha256:" + hex(Array(SHA256.hash(data: envelope))) == layer.digest else {
            throw .failed("the attestation envelope does not match its layer digest \(layer.digest)")
        }
        guard imageDigest.hasPrefix("sha256:"), let digest = hexBytes(String(imageDigest.dropFirst(7))) else {
            throw .failed("the image digest \(imageDigest) is not sha256")
        }
        return try await verify(
            try layer.bundle(payload: envelope), artifact: .sha256Digest(digest), policy: policy)
    }
}
