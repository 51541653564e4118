import DrydockTestSupport
import Foundation
import Testing

/// `drydock image REF --policy FILE` with a `supplyChain:` section, against the real `docker-registry` on
/// loopback holding images, cosign signatures and attestations made by `scripts/fixtures/sigstore_material.py`
/// (Python's `cryptography`) and pushed with skopeo.
@Suite struct SupplyChainPolicyTests {
    private static let identity = "https://github.com/example/app/.github/workflows/release.yml@refs/heads/main"
    private static let issuer = "https://token.actions.githubusercontent.com"

    private typealias Registry = SigstoreMaterial.PushedImages

    private func registry() throws -> Registry? { try SigstoreMaterial.pushedImages() }

    /// Runs `drydock image` with `policy` (written beside the material, so its relative paths resolve there);
    /// returns the result and the evidence lines, by rule name.
    private func scan(
        _ reference: String, policy: String, in registry: Registry, name: String, environment: [String: String] = [:]
    ) throws -> (result: ProcessRunner.Result, evidence: [String: [String: Any]]) {
        try Self.scan(reference, policy: policy, in: registry.directory, name: name, environment: environment)
    }

    /// `scan` with the policy and evidence written to `directory` (the material's).
    static func scan(
        _ reference: String, policy: String, in directory: URL, name: String, environment: [String: String] = [:]
    ) throws -> (result: ProcessRunner.Result, evidence: [String: [String: Any]]) {
        let policyFile = directory.appendingPathComponent("\(name).policy.yaml")
        try Data(policy.utf8).write(to: policyFile)
        let evidence = directory.appendingPathComponent("\(name).evidence.jsonl")
        var env = ProcessInfo.processInfo.environment
        env["DOCKER_CONFIG"] = "/nonexistent-docker-config"
        env["COSIGN_REPOSITORY"] = nil
        for (key, value) in environment { env[key] = value }
        env = LayerCacheIsolation.isolated(env)
        let result = try ProcessRunner.run(
            PackagePaths.drydock,
            [
                "image", reference, "--insecure", "--scanners", "secret", "--policy", policyFile.path,
                "--evidence", evidence.path, "--format", "json", "--quiet",
            ], environment: env, timeout: 120)
        var rules: [String: [String: Any]] = [:]
        let text = (try? String(contentsOf: evidence, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let rule = object["supplyChainRule"] as? [String: Any], let name = rule["name"] as? String,
                let decision = object["decision"] as? [String: Any]
            else { continue }
            rules[name] = decision
        }
        return (result, rules)
    }

    private func keyless(subject: String = identity, issuer: String = issuer) -> String {
        "      keyless: {subject: '\(subject)', issuer: '\(issuer)'}\n"
    }

    private let header = "apiVersion: drydock/v1\nsupplyChain:\n  trustedRoot: trusted_root.json\n"

    private func reasons(_ decision: [String: Any]?) -> String {
        ((decision?["reasons"] as? [String]) ?? []).joined(separator: "\n")
    }

    @Test func signedImageMeetsSignatureProvenanceAndDigestRules() throws {
        guard let registry = try registry() else { return }
        let policy =
            header + "  requireDigest: true\n  signatures:\n    - name: release\n" + keyless()
            + "    - name: ops-key\n      key: cosign.pub\n"
            + "    - name: org-workflows\n      keyless:\n"
            + "        subjectRegExp: 'https://github\\.com/example/[^/]+/\\.github/workflows/.+@refs/heads/main'\n"
            + "        issuerRegExp: 'https://token\\.actions\\.githubusercontent\\.com'\n"
            + "  provenance:\n    - name: slsa-v1\n" + keyless()
            + "      builderRegExp: 'https://github\\.com/slsa-framework/slsa-github-generator/.*'\n"
            + "      sourceRepository: https://github.com/example/app\n"
            + "    - name: cloudbuild-v02\n      key: cosign.pub\n"
            + "      builder: https://cloudbuild.googleapis.com/GoogleHostedWorker\n"
        let digest = try #require(registry.digests["1.0"])
        let (result, evidence) = try scan(
            registry.reference("@\(digest)"), policy: policy, in: registry, name: "signed")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(evidence.count == 6)
        for (name, decision) in evidence {
            #expect(decision["met"] as? Bool == true, "\(name): \(reasons(decision))")
        }
        let release = try #require(evidence["release"]?["satisfiedBy"] as? [String: Any])
        #expect(release["identity"] as? String == Self.identity)
        #expect(release["issuer"] as? String == Self.issuer)
        #expect(release["signedDigest"] as? String == digest)
        #expect((release["certificateSHA256"] as? String)?.hasPrefix("sha256:") == true)
        #expect(release["signedAt"] as? String == "2025-03-01T12:01:00Z")
        #expect((release["source"] as? String)?.hasPrefix("sha256-\(digest.dropFirst(7)).sig layer sha256:") == true)
        #expect((evidence["ops-key"]?["satisfiedBy"] as? [String: Any])?["key"] as? String == "cosign.pub")
        let slsa = try #require(
            (evidence["slsa-v1"]?["satisfiedBy"] as? [String: Any])?["provenance"] as? [String: Any])
        #expect(slsa["builderID"] as? String == registry.builderV1)
        #expect(slsa["sourceRepository"] as? String == "https://github.com/example/app")
        #expect(slsa["sourceCommit"] as? String == "5f0c7a1e9d3b2c4a6e8f0a1b2c3d4e5f60718293")
        // The JSON report carries the same facts under `Drydock.SupplyChain`.
        let report = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        let rules = try #require((report?["Drydock"] as? [String: Any])?["SupplyChain"] as? [[String: Any]])
        let slsaRule = try #require(rules.first { $0["Rule"] as? String == "slsa-v1" })
        let facts = (slsaRule["SatisfiedBy"] as? [String: Any])?["Provenance"] as? [String: Any]
        #expect(facts?["SourceCommit"] as? String == "5f0c7a1e9d3b2c4a6e8f0a1b2c3d4e5f60718293")
        let v02 = try #require(
            (evidence["cloudbuild-v02"]?["satisfiedBy"] as? [String: Any])?["provenance"] as? [String: Any])
        #expect(v02["predicateType"] as? String == "https://slsa.dev/provenance/v0.2")
    }

    @Test func wrongIdentityIssuerBuilderAndTagReferenceFailWithReasons() throws {
        guard let registry = try registry() else { return }
        let policy =
            header + "  requireDigest: true\n  signatures:\n"
            + "    - name: other-workflow\n"
            + keyless(subject: "https://github.com/example/app/.github/workflows/x.yml@refs/heads/main")
            + "    - name: other-issuer\n" + keyless(issuer: "https://accounts.google.com")
            + "    - name: tags-only\n      action: warn\n      keyless:\n"
            + "        subjectRegExp: 'https://github\\.com/example/.+@refs/tags/v.*'\n        issuer: '\(Self.issuer)'\n"
            + "  provenance:\n    - name: other-builder\n" + keyless()
            + "      builder: https://example.test/evil-builder\n"
        let (result, evidence) = try scan(
            registry.reference(":1.0"), policy: policy, in: registry, name: "wrong")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(reasons(evidence["requireDigest"]).contains("not by digest (NAME@sha256:…)"))
        #expect(reasons(evidence["other-workflow"]).contains("the certificate's identity is '\(Self.identity)', not"))
        #expect(
            reasons(evidence["other-issuer"]).contains(
                "the certificate's OIDC issuer is '\(Self.issuer)', not 'https://accounts.google.com'"))
        #expect(evidence["tags-only"]?["action"] as? String == "warn")
        #expect(reasons(evidence["other-builder"]).contains("the provenance's builder is '\(registry.builderV1)'"))
        // The JSON report's gate failures name each failing rule; a `warn` rule is a warning, not a failure.
        let report = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        let failures = (report?["Drydock"] as? [String: Any])?["GateFailures"]
        let text = (failures as? [String])?.joined(separator: "\n") ?? ""
        #expect(text.contains("signature rule 'other-workflow'"), "\(text)")
        #expect(!text.contains("tags-only"))
    }

    @Test func badSignaturesFailWithTheirReasons() throws {
        guard let registry = try registry() else { return }
        let policy = header + "  signatures:\n    - name: release\n" + keyless()
        let cases = [
            ("tampered", "the log entry is for artifact sha256:"),
            ("other-digest", "the signature is for image sha256:"),
            ("expired", "but the signature was logged at 2025-03-01T13:00:00Z (after it expired)"),
            ("unsigned", "no tag sha256-"),
        ]
        for (tag, expected) in cases {
            let (result, evidence) = try scan(
                registry.reference(":\(tag)"), policy: policy, in: registry, name: tag)
            #expect(result.status == 1, "\(tag): \(result.stderr)")
            #expect(evidence["release"]?["met"] as? Bool == false, "\(tag)")
            #expect(reasons(evidence["release"]).contains(expected), "\(tag): \(reasons(evidence["release"]))")
        }
    }

    @Test func keySignatureWithoutRekorEvidenceMeetsOnlyAnInsecureIgnoreTlogRule() throws {
        guard let registry = try registry() else { return }
        let digest = try #require(registry.digests["key-no-tlog"])
        let strict = header + "  signatures:\n    - name: ops-key\n      key: cosign.pub\n"
        let (refused, refusedEvidence) = try scan(
            registry.reference("@\(digest)"), policy: strict, in: registry, name: "no-tlog-strict")
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(reasons(refusedEvidence["ops-key"]).contains("has no transparency-log evidence"))
        let (accepted, evidence) = try scan(
            registry.reference("@\(digest)"), policy: strict + "      insecureIgnoreTlog: true\n", in: registry,
            name: "no-tlog-lenient")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let by = try #require(evidence["ops-key"]?["satisfiedBy"] as? [String: Any])
        #expect(by["key"] as? String == "cosign.pub")
        #expect(by["signedAt"] == nil && by["logIndexes"] == nil)
        #expect((by["warning"] as? String)?.contains("accepted without a transparency-log entry") == true)
        let report = try JSONSerialization.jsonObject(with: accepted.stdout) as? [String: Any]
        let rules = try #require((report?["Drydock"] as? [String: Any])?["SupplyChain"] as? [[String: Any]])
        let warning = (rules.first?["SatisfiedBy"] as? [String: Any])?["Warning"] as? String
        #expect(warning?.contains("insecure-ignore-tlog") == true)
        // A tampered payload still fails under the flag.
        let tampered = try #require(registry.digests["key-tampered"])
        let (bad, _) = try scan(
            registry.reference("@\(tampered)"), policy: strict + "      insecureIgnoreTlog: true\n", in: registry,
            name: "no-tlog-tampered")
        #expect(bad.status == 1, "\(bad.stderr)")
    }

    @Test func anImageFromAnArchiveCannotMeetSignatureRules() throws {
        guard let registry = try registry() else { return }
        let policy = header + "  signatures:\n    - name: release\n" + keyless()
        let (result, evidence) = try scan(
            "--input=\(registry.directory.appendingPathComponent("oci").path):1.0", policy: policy, in: registry,
            name: "archive")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(reasons(evidence["release"]).contains("was not pulled from a registry"))
    }

    @Test func anImageReadLocallyIsJudgedByItsRepositoryDigest() throws {
        guard let registry = try registry() else { return }
        let digest = try #require(registry.digests["1.0"])
        let layout = registry.directory.appendingPathComponent("oci")
        let policy =
            header + "  requireDigest: true\n  signatures:\n    - name: release\n" + keyless()
            + "  provenance:\n    - name: slsa-v1\n" + keyless()
            + "      builderRegExp: 'https://github\\.com/slsa-framework/slsa-github-generator/.*'\n"
        // An OCI layout naming the image in its registry: its signature and provenance are found there.
        let named = try OCILayoutCopy.single(layout, digest: digest, refName: registry.reference(":1.0"))
        let (result, evidence) = try scan("--input=\(named)", policy: policy, in: registry, name: "local-named")
        #expect(evidence["release"]?["met"] as? Bool == true, "\(reasons(evidence["release"])) \(result.stderr)")
        #expect(evidence["slsa-v1"]?["met"] as? Bool == true, "\(reasons(evidence["slsa-v1"]))")
        let release = try #require(evidence["release"]?["satisfiedBy"] as? [String: Any])
        #expect(release["signedDigest"] as? String == digest)
        // A file path is not a digest reference.
        #expect(reasons(evidence["requireDigest"]).contains("not by digest"), "\(evidence.keys.sorted())")
        #expect(result.status == 1, "\(result.stderr)")
        // Named in a repository that does not hold it: every rule unmet, saying why.
        let elsewhere = try OCILayoutCopy.single(
            layout, digest: digest, refName: "127.0.0.1:\(registry.port)/elsewhere/app:1.0")
        let (missing, missingEvidence) = try scan(
            "--input=\(elsewhere)", policy: policy, in: registry, name: "local-elsewhere")
        #expect(missing.status == 1, "\(missing.stderr)")
        let why = reasons(missingEvidence["release"])
        #expect(why.contains("was read locally and cannot be looked up by its repository digest"), "\(why)")
        #expect(why.contains("127.0.0.1:\(registry.port)/elsewhere/app@\(digest)"), "\(why)")
    }

    @Test func signaturesInAnotherRepositoryAreFoundByPolicyOrCosignRepository() throws {
        guard let registry = try registry() else { return }
        let digest = try #require(registry.digests["1.0"])
        let bare = "127.0.0.1:\(registry.port)/supply-chain/bare@\(digest)"
        let signatures = "127.0.0.1:\(registry.port)/supply-chain/signatures"
        let rules =
            "  signatures:\n    - name: release\n" + keyless()
            + "  provenance:\n    - name: slsa\n" + keyless()
            + "      sourceRepository: https://github.com/example/app\n"
        let (own, ownEvidence) = try scan(bare, policy: header + rules, in: registry, name: "bare")
        #expect(own.status == 1)
        #expect(reasons(ownEvidence["release"]).contains("supply-chain/bare"), "\(reasons(ownEvidence["release"]))")
        let (policy, policyEvidence) = try scan(
            bare, policy: header + "  repository: \(signatures)\n" + rules, in: registry, name: "repository")
        #expect(policy.status == 0, "\(policy.stderr)")
        #expect(policyEvidence["slsa"]?["met"] as? Bool == true)
        let (cosign, _) = try scan(
            bare, policy: header + rules, in: registry, name: "cosign-repository",
            environment: ["COSIGN_REPOSITORY": signatures])
        #expect(cosign.status == 0, "\(cosign.stderr)")
        let (bad, _) = try scan(
            bare, policy: header + "  repository: \(signatures):latest\n" + rules, in: registry, name: "bad-repository")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("is not a repository"), "\(bad.stderr)")
    }
}
