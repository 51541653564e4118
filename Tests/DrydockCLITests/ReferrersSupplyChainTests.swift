import DrydockTestSupport
import Foundation
import Testing

/// Signatures and attestations attached as OCI 1.1 referrers (Sigstore bundles in cosign's bundle format, and
/// cosign's older layout as a referrer), made by `scripts/fixtures/sigstore_referrers.py` with Python's
/// `cryptography`: found through the referrers tag on the real `docker-registry` (which has no referrers API) and
/// through the referrers API of `scripts/registry/referrers_proxy.py`, by `drydock image --policy` and
/// `drydock sigstore verify-image`.
@Suite struct ReferrersSupplyChainTests {
    private static let identity = "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main"
    private static let issuer = "https://token.actions.githubusercontent.com"
    private static let builder =
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.0.0"

    private let header = "apiVersion: drydock/v1\nsupplyChain:\n  trustedRoot: trusted_root.json\n"

    private func keyless(subject: String = identity) -> String {
        "      keyless: {subject: '\(subject)', issuer: '\(Self.issuer)'}\n"
    }

    private func reasons(_ decision: [String: Any]?) -> String {
        ((decision?["reasons"] as? [String]) ?? []).joined(separator: "\n")
    }

    private func source(_ decision: [String: Any]?) -> String {
        (decision?["satisfiedBy"] as? [String: Any])?["source"] as? String ?? ""
    }

    @Test func bundlesFoundThroughTheReferrersTagMeetSignatureAndProvenanceRules() throws {
        guard let pushed = try SigstoreMaterial.pushedReferrers() else { return }
        let policy =
            header + "  signatures:\n    - name: release\n" + keyless()
            + "    - name: ops-key\n      key: cosign.pub\n"
            // Ed25519 signs the manifest's bytes: the manifest is fetched to check it.
            + "    - name: ed25519-key\n      key: referrer-ed25519.pub\n"
            + "  provenance:\n    - name: slsa\n" + keyless()
            + "      sourceRepository: https://github.com/example/app\n"
        let (result, evidence) = try SupplyChainPolicyTests.scan(
            pushed.reference("bundled"), policy: policy, in: pushed.directory, name: "referrers-tag")
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["release", "ops-key", "ed25519-key", "slsa"] {
            #expect(evidence[name]?["met"] as? Bool == true, "\(name): \(reasons(evidence[name]))")
            #expect(source(evidence[name]).hasPrefix("referrer sha256:"), "\(name): \(source(evidence[name]))")
        }
        let release = evidence["release"]?["satisfiedBy"] as? [String: Any]
        #expect(release?["identity"] as? String == Self.identity)
        #expect((release?["certificateSHA256"] as? String)?.hasPrefix("sha256:") == true)
        #expect(release?["signedDigest"] as? String == pushed.digests["bundled"])
        #expect((evidence["ops-key"]?["satisfiedBy"] as? [String: Any])?["key"] as? String == "cosign.pub")
        let facts = (evidence["slsa"]?["satisfiedBy"] as? [String: Any])?["provenance"] as? [String: Any]
        #expect(facts?["builderID"] as? String == Self.builder)
        #expect(facts?["sourceCommit"] as? String == "5f0c7a1e9d3b2c4a6e8f0a1b2c3d4e5f60718293")
    }

    @Test func theReferrersAPIIsReadAndARegistryWithoutItIsNotAnError() throws {
        guard let pushed = try SigstoreMaterial.pushedReferrers() else { return }
        let policy =
            header + "  signatures:\n    - name: release\n" + keyless()
            + "  provenance:\n    - name: slsa\n" + keyless()
            + "      sourceRepository: https://github.com/example/app\n"
        let (api, evidence) = try SupplyChainPolicyTests.scan(
            pushed.reference("bundled-api", api: true), policy: policy, in: pushed.directory, name: "referrers-api")
        #expect(api.status == 0, "\(api.stderr)")
        #expect(evidence["release"]?["met"] as? Bool == true, "\(reasons(evidence["release"]))")
        #expect(evidence["slsa"]?["met"] as? Bool == true, "\(reasons(evidence["slsa"]))")
        // The same image straight from docker-registry: no referrers API (404) and no referrers tag — the rules are
        // not met, saying so, and nothing else goes wrong.
        let (plain, plainEvidence) = try SupplyChainPolicyTests.scan(
            pushed.reference("bundled-api"), policy: policy, in: pushed.directory, name: "referrers-none")
        #expect(plain.status == 1, "\(plain.stderr)")
        let text = reasons(plainEvidence["release"])
        #expect(text.contains("the registry has no referrers API and no tag sha256-"), "\(text)")
        #expect(text.contains("no tag sha256-"), "\(text)")
    }

    @Test func badReferrersFailWithTheirReasons() throws {
        guard let pushed = try SigstoreMaterial.pushedReferrers() else { return }
        let policy = header + "  signatures:\n    - name: release\n" + keyless()
        let cases = [
            ("referrer-other-digest", "the bundle signs sha256:"),
            ("referrer-tampered", "the log entry records a different DSSE payload than the bundle's"),
        ]
        for (tag, expected) in cases {
            let (result, evidence) = try SupplyChainPolicyTests.scan(
                pushed.reference(tag), policy: policy, in: pushed.directory, name: tag)
            #expect(result.status == 1, "\(tag): \(result.stderr)")
            let text = reasons(evidence["release"])
            #expect(text.contains("referrer sha256:") && text.contains(expected), "\(tag): \(text)")
        }
        let other = reasons(
            try SupplyChainPolicyTests.scan(
                pushed.reference("referrer-other-digest"), policy: policy, in: pushed.directory, name: "other"
            ).evidence["release"])
        #expect(other.contains("not the image \(pushed.digests["referrer-other-digest"] ?? "")"), "\(other)")
        let wrong =
            header + "  signatures:\n    - name: release\n"
            + keyless(subject: "https://github.com/example/app/.github/workflows/other.yml@refs/heads/main")
        let (result, evidence) = try SupplyChainPolicyTests.scan(
            pushed.reference("bundled"), policy: wrong, in: pushed.directory, name: "referrer-identity")
        #expect(result.status == 1)
        #expect(reasons(evidence["release"]).contains("the certificate's identity is '\(Self.identity)', not"))
    }

    @Test func referrersInAnotherRepositoryAreFoundThroughCosignRepository() throws {
        guard let pushed = try SigstoreMaterial.pushedReferrers() else { return }
        let policy = header + "  signatures:\n    - name: release\n" + keyless()
        let bare = pushed.reference("bundled", repository: "supply-chain/referrers-bare")
        let (own, _) = try SupplyChainPolicyTests.scan(bare, policy: policy, in: pushed.directory, name: "bare-ref")
        #expect(own.status == 1)
        let (moved, evidence) = try SupplyChainPolicyTests.scan(
            bare, policy: policy, in: pushed.directory, name: "moved-ref",
            environment: ["COSIGN_REPOSITORY": "127.0.0.1:\(pushed.plainPort)/supply-chain/referrer-signatures"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(source(evidence["release"]).hasPrefix("referrer sha256:"))
    }
}

/// `drydock sigstore verify-image` on images whose signatures and attestations are referrers.
@Suite struct ReferrersVerifyImageTests {
    private let identity = [
        "--certificate-identity", "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main",
        "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com",
    ]

    private func verifyImage(
        _ signer: [String], _ reference: String, in directory: URL, environment: [String: String] = [:]
    ) throws -> ProcessRunner.Result {
        var env = ProcessInfo.processInfo.environment
        env["COSIGN_REPOSITORY"] = nil
        for (key, value) in environment { env[key] = value }
        return try ProcessRunner.run(
            PackagePaths.drydock,
            ["sigstore", "verify-image"] + signer + ["--trusted-root", "trusted_root.json", reference],
            environment: env, directory: directory, timeout: 120)
    }

    @Test func everyPageOfTheReferrersAPIIsRead() throws {
        guard let pushed = try SigstoreMaterial.pushedReferrers() else { return }
        let reference = pushed.reference("bundled-api", api: true)
        let result = try verifyImage(identity, reference, in: pushed.directory)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.output.split(separator: "\n")
        // One descriptor per page: the provenance bundle, the cosign-layout signature, the message-signature bundle.
        #expect(lines.count == 3, "\(result.output)")
        #expect(lines.filter { $0.hasPrefix("OK: \(reference) verified (signed 2025-03-01") }.count == 2)
        #expect(
            lines.contains {
                $0.hasPrefix("OK: attestation https://slsa.dev/provenance/v1 for \(reference) verified (signed ")
                    && $0.contains("by \(identity[1]) via \(identity[3])") && $0.contains("from referrer sha256:")
            }, "\(result.output)")
    }

    @Test func keyAndCosignRepositoryAndNoValidSignature() throws {
        guard let pushed = try SigstoreMaterial.pushedReferrers() else { return }
        let keyed = try verifyImage(["--key", "cosign.pub"], pushed.reference("bundled"), in: pushed.directory)
        #expect(keyed.status == 0, "\(keyed.stderr)")
        #expect(
            keyed.output.contains("verified (signed 2025-03-01T12:01:00Z) from referrer sha256:"), "\(keyed.output)")
        let ed25519 = try verifyImage(
            ["--key", "referrer-ed25519.pub"], pushed.reference("bundled"), in: pushed.directory)
        #expect(ed25519.status == 0, "\(ed25519.stderr)")
        #expect(ed25519.output.contains("from referrer sha256:"), "\(ed25519.output)")
        // Attestations signed by someone else are reported, not fatal.
        #expect(keyed.stderr.contains("drydock: attestation https://slsa.dev/provenance/v1 not verified: referrer"))
        let bare = pushed.reference("bundled", repository: "supply-chain/referrers-bare")
        let moved = try verifyImage(
            identity, bare, in: pushed.directory,
            environment: ["COSIGN_REPOSITORY": "127.0.0.1:\(pushed.plainPort)/supply-chain/referrer-signatures"])
        #expect(moved.status == 0, "\(moved.stderr)")
        let unsigned = try verifyImage(identity, bare, in: pushed.directory)
        #expect(unsigned.status == 1)
        #expect(unsigned.stderr.contains("no valid cosign signature: no tag sha256-"), "\(unsigned.stderr)")
        let tampered = try verifyImage(identity, pushed.reference("referrer-tampered"), in: pushed.directory)
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("a different DSSE payload"), "\(tampered.stderr)")
        let bad = try verifyImage(
            identity, bare, in: pushed.directory, environment: ["COSIGN_REPOSITORY": "127.0.0.1:1/x:latest"])
        #expect(bad.status == 2, "\(bad.stderr)")
    }
}
