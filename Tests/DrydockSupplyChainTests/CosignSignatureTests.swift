import DrydockSupplyChain
import DrydockTestSupport
import Foundation
import Testing

/// cosign-style image signatures (the `sha256-<digest>.sig` manifest and its simple-signing layer) written by
/// `scripts/fixtures/sigstore_material.py`, read and verified.
@Suite struct CosignSignatureTests {
    private func material(_ name: String) throws -> [UInt8] {
        let directory = try SigstoreMaterial.made.get().directory
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    private let policy = VerificationPolicy.identity(
        subjectAlternativeName: "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main",
        oidcIssuer: "https://token.actions.githubusercontent.com")

    @Test func signatureTagFollowsCosign() {
        #expect(CosignSignatureManifest.signatureTag(forManifestDigest: "sha256:ab12") == "sha256-ab12.sig")
        #expect(CosignSignatureManifest.signatureTag(forManifestDigest: "ab12") == nil)
    }

    @Test func keylessImageSignatureVerifies() async throws {
        guard case .success = SigstoreMaterial.made else { return }
        let imageDigest = String(decoding: try material("cosign-image-digest.txt"), as: UTF8.self)
        let layers = try CosignSignatureManifest.layers(try material("cosign-image.manifest.json"), source: "sig")
        // The keyless signature, then the same payload signed with `cosign.pub`'s key (cosign's layout for two
        // signers: two layers with one digest).
        #expect(layers.count == 2)
        #expect(layers.map(\.digest) == [layers[0].digest, layers[0].digest])
        let verifier = BundleVerifier(trustedRoot: try TrustedRoot.parse(try material("trusted_root.json")))
        let payload = try material("cosign-image.payload.json")
        let result = try await verifier.verify(
            cosign: layers[0], payload: payload, imageDigest: imageDigest, policy: policy)
        #expect(result.identity?.oidcIssuer == "https://token.actions.githubusercontent.com")
        #expect(result.signingTime == 1_740_830_460)
        let key = try VerificationKey(pemOrDER: try material("cosign.pub"), source: "cosign.pub")
        let keyed = try await verifier.verify(
            cosign: layers[1], payload: payload, imageDigest: imageDigest, policy: .key(key))
        #expect(keyed.identity == nil)
        await #expect(throws: SupplyChainError.self) {
            try await verifier.verify(cosign: layers[1], payload: payload, imageDigest: imageDigest, policy: policy)
        }
    }

    /// The reason verifying the first layer of `manifest` with `payload` fails for the signed image's digest.
    private func failure(manifest: String, payload: String) async throws -> String? {
        let imageDigest = String(decoding: try material("cosign-image-digest.txt"), as: UTF8.self)
        let layers = try CosignSignatureManifest.layers(try material(manifest), source: "sig")
        let verifier = BundleVerifier(trustedRoot: try TrustedRoot.parse(try material("trusted_root.json")))
        let bytes = try material(payload)
        do {
            _ = try await verifier.verify(cosign: layers[0], payload: bytes, imageDigest: imageDigest, policy: policy)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func signatureForAnotherImageFails() async throws {
        guard case .success = SigstoreMaterial.made else { return }
        let reason = try await failure(
            manifest: "cosign-other-image.manifest.json", payload: "cosign-other-image.payload.json")
        #expect(reason?.hasPrefix("the signature is for image sha256:") == true, "\(reason ?? "verified")")
    }

    @Test func payloadFromAnotherLayerFails() async throws {
        guard case .success = SigstoreMaterial.made else { return }
        let reason = try await failure(
            manifest: "cosign-image.manifest.json", payload: "cosign-other-image.payload.json")
        #expect(reason?.contains("does not match its layer digest") == true, "\(reason ?? "verified")")
    }

    /// The first signature layer of image `tag`'s `.sig` manifest in the material's OCI layout, and its payload.
    private func keySignature(_ tag: String) throws -> (digest: String, layer: CosignSignatureLayer, payload: [UInt8]) {
        let images = try JSONSerialization.jsonObject(with: Data(try material("cosign-images.json"))) as? [String: Any]
        let digest = try #require((images?["digests"] as? [String: String])?[tag])
        let blob = { (digest: String) in try material("oci/blobs/sha256/\(digest.dropFirst("sha256:".count))") }
        let index = try JSONSerialization.jsonObject(with: Data(try material("oci/index.json"))) as? [String: Any]
        let sigTag = try #require(CosignSignatureManifest.signatureTag(forManifestDigest: digest))
        let entry = try #require(
            (index?["manifests"] as? [[String: Any]])?.first {
                ($0["annotations"] as? [String: String])?["org.opencontainers.image.ref.name"] == sigTag
            })
        let layers = try CosignSignatureManifest.layers(
            try blob(try #require(entry["digest"] as? String)), source: sigTag)
        let layer = try #require(layers.first)
        return (digest, layer, try blob(layer.digest))
    }

    @Test(arguments: ["p256", "p384", "ed25519", "rsa", "rsa-pss", "rsassa-pss"])
    func keySignatureOfEveryKeyTypeVerifies(_ label: String) async throws {
        guard case .success = SigstoreMaterial.made else { return }
        let (digest, layer, payload) = try keySignature("key-\(label)")
        let verifier = BundleVerifier(trustedRoot: try TrustedRoot.parse(try material("trusted_root.json")))
        let key = try VerificationKey(pemOrDER: try material("key-\(label).pub"), source: "key-\(label).pub")
        #expect((key.pss != nil) == (label == "rsassa-pss"))
        let result = try await verifier.verify(cosign: layer, payload: payload, imageDigest: digest, policy: .key(key))
        #expect(result.signingTime == 1_740_830_460 && result.warning == nil)
    }

    @Test func keySignatureWithoutRekorEvidenceNeedsToBeAllowed() async throws {
        guard case .success = SigstoreMaterial.made else { return }
        let (digest, layer, payload) = try keySignature("key-no-tlog")
        #expect(layer.rekor == nil)
        let verifier = BundleVerifier(trustedRoot: try TrustedRoot.parse(try material("trusted_root.json")))
        let key = try VerificationKey(pemOrDER: try material("cosign.pub"), source: "cosign.pub")
        do {
            _ = try await verifier.verify(cosign: layer, payload: payload, imageDigest: digest, policy: .key(key))
            Issue.record("a signature without Rekor evidence verified without being allowed")
        } catch {
            #expect(error.reason.contains("has no transparency-log evidence"), "\(error)")
        }
        let allowed = try await verifier.verify(
            cosign: layer, payload: payload, imageDigest: digest, policy: .key(key), ignoringMissingLog: true)
        #expect(allowed.signingTime == nil && allowed.logIndexes.isEmpty)
        #expect(allowed.warning == BundleVerifier.unloggedWarning)
        // Keyless signers are never judged without a logged time.
        do {
            _ = try await verifier.verify(
                cosign: layer, payload: payload, imageDigest: digest, policy: policy, ignoringMissingLog: true)
            Issue.record("a keyless policy accepted a signature without Rekor evidence")
        } catch {
            #expect(error.reason.contains("key-based signatures only"), "\(error)")
        }
    }
}
