import DrydockTestSupport
import Foundation
import Testing

/// `drydock sigstore verify-image --key FILE REF` against the real `docker-registry` on loopback: key-based cosign
/// signatures (`cosign sign --key`) made by `scripts/fixtures/sigstore_material.py` with Python's `cryptography`
/// for every key type, bad ones, and one without Rekor evidence (`--tlog-upload=false`), pushed with skopeo.
@Suite struct SigstoreVerifyImageKeyTests {
    private func verifyImage(_ arguments: [String], _ reference: String, in registry: SigstoreMaterial.PushedImages)
        throws -> ProcessRunner.Result
    {
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKER_CONFIG"] = "/nonexistent-docker-config"
        return try ProcessRunner.run(
            PackagePaths.drydock,
            ["sigstore", "verify-image", "--trusted-root", "trusted_root.json", "--insecure"] + arguments + [reference],
            environment: environment, directory: registry.directory, timeout: 120)
    }

    @Test func keySignedImageVerifiesWithItsKey() throws {
        guard let registry = try SigstoreMaterial.pushedImages() else { return }
        let digest = try #require(registry.digests["1.0"])
        // `1.0` carries a keyless signature and one by cosign.pub's ECDSA P-256 key.
        let result = try verifyImage(["--key", "cosign.pub"], registry.reference(":1.0"), in: registry)
        #expect(result.status == 0, "\(result.stderr)")
        // The key's signature, from its `.sig` layer (the image's attestations are printed after it).
        #expect(
            result.output.hasPrefix(
                "OK: \(registry.reference(":1.0"))@\(digest) verified (signed 2025-03-01T12:01:00Z) from sha256-"),
            "\(result.output)")
    }

    @Test(arguments: ["p256", "p384", "ed25519", "rsa", "rsa-pss", "rsassa-pss"])
    func everyKeyTypeVerifies(_ label: String) throws {
        guard let registry = try SigstoreMaterial.pushedImages() else { return }
        let digest = try #require(registry.digests["key-\(label)"])
        let result = try verifyImage(["--key", "key-\(label).pub"], registry.reference(":key-\(label)"), in: registry)
        #expect(result.status == 0, "\(label): \(result.stderr)")
        #expect(result.output.hasPrefix("OK: \(registry.reference(":key-\(label)"))@\(digest) verified"))
        // Another key of another type does not verify it.
        let other = label == "p256" ? "key-rsa.pub" : "key-p256.pub"
        let wrong = try verifyImage(["--key", other], registry.reference(":key-\(label)"), in: registry)
        #expect(wrong.status == 1, "\(label) with \(other): \(wrong.output)")
        #expect(wrong.stderr.contains("the log entry records a different public key"), "\(wrong.stderr)")
    }

    @Test func badKeySignaturesFailWithTheirReasons() throws {
        guard let registry = try SigstoreMaterial.pushedImages() else { return }
        let tampered = try verifyImage(["--key", "cosign.pub"], registry.reference(":key-tampered"), in: registry)
        #expect(tampered.status == 1)
        #expect(tampered.stderr.hasPrefix("drydock: verification failed: \(registry.reference(":key-tampered")): "))
        #expect(tampered.stderr.contains("the log entry is for artifact sha256:"), "\(tampered.stderr)")
        let other = try verifyImage(["--key", "cosign.pub"], registry.reference(":key-other-digest"), in: registry)
        #expect(other.status == 1)
        let digest = try #require(registry.digests["key-other-digest"])
        #expect(other.stderr.contains("the signature is for image sha256:"), "\(other.stderr)")
        #expect(other.stderr.contains("not \(digest)"), "\(other.stderr)")
        let wrongKey = try verifyImage(["--key", "key-p256.pub"], registry.reference(":1.0"), in: registry)
        #expect(wrongKey.status == 1)
        // The keyless layer holds another key; the key layer's log entry records cosign.pub, not this key.
        #expect(wrongKey.stderr.contains("holds a different key than the one given"), "\(wrongKey.stderr)")
        #expect(wrongKey.stderr.contains("the log entry records a different public key"), "\(wrongKey.stderr)")
    }

    @Test func signatureWithoutRekorEvidenceNeedsInsecureIgnoreTlog() throws {
        guard let registry = try SigstoreMaterial.pushedImages() else { return }
        let reference = registry.reference(":key-no-tlog")
        let refused = try verifyImage(["--key", "cosign.pub"], reference, in: registry)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("has no transparency-log evidence"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--insecure-ignore-tlog"), "\(refused.stderr)")
        // cosign's two spellings of the flag.
        for flag in ["--insecure-ignore-tlog", "--insecure-ignore-tlog=true"] {
            let accepted = try verifyImage(["--key", "cosign.pub", flag], reference, in: registry)
            #expect(accepted.status == 0, "\(flag): \(accepted.stderr)")
            #expect(accepted.output.contains("verified (signed at an unknown time (no transparency-log entry))"))
            #expect(accepted.stderr.contains("drydock: warning: \(reference): sha256-"), "\(accepted.stderr)")
            #expect(accepted.stderr.contains("accepted without a transparency-log entry"), "\(accepted.stderr)")
        }
        // The flag does not waive a bad signature, nor evidence that is there.
        let tampered = try verifyImage(
            ["--key", "cosign.pub", "--insecure-ignore-tlog"], registry.reference(":key-tampered"), in: registry)
        #expect(tampered.status == 1, "\(tampered.output)")
        let wrongKey = try verifyImage(["--key", "key-p256.pub", "--insecure-ignore-tlog"], reference, in: registry)
        #expect(wrongKey.status == 1, "\(wrongKey.output)")
        #expect(wrongKey.stderr.contains("does not verify"), "\(wrongKey.stderr)")
        // Keyless signatures are judged at their logged time: the flag needs --key.
        let keyless = try verifyImage(
            [
                "--certificate-identity",
                "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main",
                "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com", "--insecure-ignore-tlog",
            ], reference, in: registry)
        #expect(keyless.status == 2, "\(keyless.stderr)")
        #expect(keyless.stderr.contains("--insecure-ignore-tlog needs --key"), "\(keyless.stderr)")
    }
}
