import DrydockTestSupport
import Foundation
import Testing

/// `drydock sigstore verify-bundle` with the conformance protocol's arguments on independently made material.
@Suite struct SigstoreCommandTests {
    private func verify(_ arguments: [String]) throws -> ProcessRunner.Result {
        let directory = try SigstoreMaterial.made.get().directory
        return try ProcessRunner.run(
            PackagePaths.drydock, ["sigstore", "verify-bundle"] + arguments, directory: directory, timeout: 120)
    }

    private var available: Bool {
        if case .failure(let failure) = SigstoreMaterial.made {
            print("SigstoreCommandTests skipped: \(failure)")
            return false
        }
        return true
    }

    private let identity = [
        "--certificate-identity", "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main",
        "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com",
    ]

    @Test func keylessBundleVerifiesForTheFileAndItsDigest() throws {
        guard available else { return }
        let file = try verify(
            ["--bundle", "blob-v03.sigstore.json"] + identity + ["--trusted-root", "trusted_root.json", "artifact.bin"])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(
            file.output
                == "OK: blob-v03.sigstore.json verified (signed 2025-03-01T12:01:00Z by "
                + "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main via "
                + "https://token.actions.githubusercontent.com)\n")
        let digest = try SigstoreMaterial.made.get().cases.first { $0.name == "blob-v03-digest" }?.artifact ?? ""
        let byDigest = try verify(
            ["--bundle", "blob-v03-digest.sigstore.json"] + identity + ["--trusted-root", "trusted_root.json", digest])
        #expect(byDigest.status == 0, "\(byDigest.stderr)")
    }

    @Test func keyBundleVerifiesWithTheKey() throws {
        guard available else { return }
        let result = try verify(
            [
                "--bundle", "key-ed25519.sigstore.json", "--key", "key-ed25519.pub", "--trusted-root",
                "trusted_root.json",
                "artifact.bin",
            ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func failedVerificationExitsOneWithTheReason() throws {
        guard available else { return }
        var arguments = ["--bundle", "blob-v03.sigstore.json"] + identity
        arguments[5] = "https://accounts.google.com"
        let result = try verify(arguments + ["--trusted-root", "trusted_root.json", "artifact.bin"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "drydock: verification failed: blob-v03.sigstore.json: the signing certificate's OIDC issuer is "
                + "'https://token.actions.githubusercontent.com', not 'https://accounts.google.com'\n")
    }

    @Test func theBuiltInPublicGoodRootDoesNotTrustTheTestInstance() throws {
        guard available else { return }
        let result = try verify(["--bundle", "blob-v03.sigstore.json"] + identity + ["artifact.bin"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("a log the trusted root does not know"), "\(result.stderr)")
    }

    @Test func unknownBundleVersionExitsThree() throws {
        guard available else { return }
        let result = try verify(
            ["--bundle", "unknown-version.sigstore.json"] + identity + [
                "--trusted-root", "trusted_root.json",
                "artifact.bin",
            ])
        #expect(result.status == 3)
        #expect(result.stderr.contains("unknown bundle media type 'application/vnd.dev.sigstore.bundle.v0.9+json'"))
    }

    @Test func keyAndIdentityTogetherAreAUsageError() throws {
        guard available else { return }
        let result = try verify(
            ["--bundle", "blob-v03.sigstore.json"] + identity + ["--key", "key-p256.pub", "artifact.bin"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--key cannot be combined"))
    }

    @Test func missingBundleExitsThree() throws {
        guard available else { return }
        let result = try verify(["--bundle", "absent.json", "--key", "key-p256.pub", "artifact.bin"])
        #expect(result.status == 3)
        #expect(result.stderr == "drydock: error: cannot read the bundle absent.json\n")
    }
}

/// `drydock sigstore verify-image` against the real `docker-registry` on loopback, holding an image and its
/// cosign signature written by `scripts/fixtures/sigstore_material.py` and pushed with skopeo.
@Suite struct SigstoreVerifyImageTests {
    private let identity = [
        "--certificate-identity", "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main",
        "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com",
    ]

    private func pushed() throws -> (port: Int, directory: URL, digest: String)? {
        guard case .success(let material) = SigstoreMaterial.made else {
            print("SigstoreVerifyImageTests skipped: the Sigstore material could not be made")
            return nil
        }
        let registries = try RegistryServers.shared()
        let layout = material.directory.appendingPathComponent("oci")
        let digest = String(
            decoding: try Data(contentsOf: material.directory.appendingPathComponent("cosign-image-digest.txt")),
            as: UTF8.self)
        for tag in ["1.0", "unsigned", "sha256-\(digest.dropFirst(7)).sig"] {
            try registries.push(layout: layout, tag: tag, port: registries.plainPort, repository: "sigstore/app")
        }
        return (registries.plainPort, material.directory, digest)
    }

    private func verifyImage(_ signer: [String], _ reference: String, in directory: URL) throws
        -> ProcessRunner.Result
    {
        try ProcessRunner.run(
            PackagePaths.drydock,
            ["sigstore", "verify-image"] + signer + ["--trusted-root", "trusted_root.json", reference],
            directory: directory, timeout: 120)
    }

    @Test func signedImageVerifiesAndUnsignedFails() throws {
        guard let (port, directory, digest) = try pushed() else { return }
        let signed = try verifyImage(identity, "127.0.0.1:\(port)/sigstore/app:1.0", in: directory)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.output.hasPrefix("OK: 127.0.0.1:\(port)/sigstore/app:1.0@\(digest) verified (signed 2025-03-01"))
        let unsigned = try verifyImage(identity, "127.0.0.1:\(port)/sigstore/app:unsigned", in: directory)
        #expect(unsigned.status == 1)
        #expect(unsigned.stderr.contains("no valid cosign signature: no tag sha256-"), "\(unsigned.stderr)")
        var wrongIssuer = identity
        wrongIssuer[3] = "https://accounts.google.com"
        let wrong = try verifyImage(wrongIssuer, "127.0.0.1:\(port)/sigstore/app:1.0", in: directory)
        #expect(wrong.status == 1)
        #expect(
            wrong.stderr.contains("OIDC issuer is 'https://token.actions.githubusercontent.com'"), "\(wrong.stderr)")
    }
}
