import DrydockTestSupport
import Foundation
import Testing

/// `drydock image --vex oci`: the image's OpenVEX attestations are applied when their signature verifies for a
/// trusted signer, and only then. Against the real `docker-registry` on loopback, holding the images and cosign
/// attestations of `scripts/fixtures/sbom_attestation_material.py` (Python's `cryptography`): each image's layers
/// hold six 1.16.0, which the material's OSV advisory PYSEC-TEST-SIX affects.
@Suite struct VEXAttestationScanTests {
    private typealias Material = SBOMAttestationMaterial.Pushed

    private func setUp() throws -> (Material, String)? {
        guard let material = try SBOMAttestationMaterial.pushed(),
            let database = SBOMAttestationScanTests.database
        else { return nil }
        return (material, try database.get())
    }

    /// `drydock image` on `tag` with `arguments` (relative paths resolve in the material's folder), JSON report.
    private func scan(_ material: Material, _ tag: String, _ database: String, _ arguments: [String]) throws
        -> (result: ProcessRunner.Result, report: [String: Any])
    {
        let result = try CLI.run(
            ["image", material.reference(tag), "--insecure", "--db", database, "--format", "json"] + arguments,
            in: material.directory,
            environment: ["DOCKER_CONFIG": "/nonexistent-docker-config", "COSIGN_REPOSITORY": ""])
        return (result, SBOMSupport.object(result.stdout))
    }

    private func keyless(_ material: Material) -> [String] {
        [
            "--certificate-identity", material.identity, "--certificate-oidc-issuer", material.issuer,
            "--trusted-root", "trusted_root.json",
        ]
    }

    private func warnings(_ report: [String: Any]) -> String {
        ((report["Drydock"] as? [String: Any])?["Warnings"] as? [String] ?? []).joined(separator: "\n")
    }

    private func findings(_ report: [String: Any]) -> [String] { CLI.findingRows(report).map { $0[2] } }

    @Test func aSignedOpenVEXAttestationSetsTheFindingAside() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        // Without --vex oci the attestation is not read: the finding stands.
        let (plain, plainReport) = try scan(material, "vex-signed", database, keyless(material))
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(findings(plainReport) == ["PYSEC-TEST-SIX"])

        let evidence = material.directory.appendingPathComponent("vex-oci.evidence.jsonl")
        let (result, report) = try scan(
            material, "vex-signed", database,
            ["--vex", "oci", "--evidence", evidence.path, "--exit-code", "1"] + keyless(material))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(findings(report).isEmpty, "\(warnings(report))")
        let modified = try #require(VEXScanTests.modified(report).first)
        #expect(modified["Status"] as? String == "not_affected")
        #expect(modified["Statement"] as? String == "vulnerable_code_not_in_execute_path")
        // The statement is named by the attestation: where it was stored, who signed it and when.
        let source = try #require(modified["Source"] as? String)
        let digest = try #require(material.digests["vex-signed"])
        #expect(source.hasPrefix("VEX attestation sha256-\(digest.dropFirst(7)).att layer sha256:"), "\(source)")
        #expect(source.contains("signed by \(material.identity) via \(material.issuer)"), "\(source)")
        #expect(source.contains("at 2025-03-01T12:01:00Z"), "\(source)")
        let lines = try String(contentsOf: evidence, encoding: .utf8).split(separator: "\n")
        let line = try #require(lines.first { $0.contains("PYSEC-TEST-SIX") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let decision = try #require(object["decision"] as? [String: Any], "\(line)")
        #expect(decision["action"] as? String == "ignore", "\(line)")
        #expect(decision["source"] as? String == "vex", "\(line)")
        let vex = try #require(decision["vex"] as? [String: Any], "\(line)")
        #expect((vex["Location"] as? String)?.hasPrefix("VEX attestation sha256-") == true, "\(vex)")
    }

    @Test func anOpenVEXBundleInAReferrerIsAppliedToo() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let (result, report) = try scan(material, "vex-referrer", database, ["--vex", "oci"] + keyless(material))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(findings(report).isEmpty, "\(warnings(report))")
        let modified = try #require(VEXScanTests.modified(report).first)
        let source = try #require(modified["Source"] as? String)
        #expect(source.hasPrefix("VEX attestation referrer sha256:"), "\(source)")
        #expect(source.contains("signed by \(material.identity)"), "\(source)")
        // Signed by someone else as far as the flags say: not applied.
        let (_, other) = try scan(
            material, "vex-referrer", database,
            ["--vex", "oci", "--key", "cosign.pub", "--trusted-root", "trusted_root.json"])
        #expect(findings(other) == ["PYSEC-TEST-SIX"])
        #expect(warnings(other).contains("--vex oci: the OpenVEX attestation referrer sha256:"), "\(warnings(other))")
    }

    @Test(arguments: ["vex-untrusted", "vex-tampered"])
    func anUnverifiedOpenVEXAttestationIsNotAppliedAndWarns(_ tag: String) throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let (result, report) = try scan(material, tag, database, ["--vex", "oci"] + keyless(material))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(findings(report) == ["PYSEC-TEST-SIX"], "\(tag)")
        #expect(VEXScanTests.modified(report).isEmpty, "\(tag)")
        let text = warnings(report)
        let digest = try #require(material.digests[tag])
        #expect(
            text.contains("--vex oci: the OpenVEX attestation sha256-\(digest.dropFirst(7)).att layer sha256:"),
            "\(tag): \(text)")
        #expect(text.contains("is not applied: "), "\(tag): \(text)")
        if tag == "vex-untrusted" {
            #expect(text.contains("the certificate's identity is '\(material.otherIdentity)'"), "\(text)")
        }
        #expect(result.stderr.contains("--vex oci: the OpenVEX attestation"), "\(result.stderr)")
    }

    @Test func vexFilesAndAttestationsCombine() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let local = material.directory.appendingPathComponent("local.openvex.json")
        try Data(
            """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.test/vex-local", "author": "us",
             "timestamp": "2025-03-02T00:00:00Z", "version": 1,
             "statements": [{"vulnerability": {"name": "PYSEC-TEST-SIX"},
               "products": [{"@id": "pkg:pypi/six"}], "status": "fixed"}]}

            """.utf8
        ).write(to: local)
        // The untrusted attestation is refused; the local file still applies.
        let (result, report) = try scan(
            material, "vex-untrusted", database, ["--vex", "oci,local.openvex.json"] + keyless(material))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(findings(report).isEmpty)
        let modified = try #require(VEXScanTests.modified(report).first)
        #expect(modified["Status"] as? String == "fixed")
        #expect(modified["Source"] as? String == "local.openvex.json", "\(modified)")
        #expect(warnings(report).contains("--vex oci: the OpenVEX attestation"))
        // An image with no OpenVEX attestation: a warning, the file applies.
        let (none, noneReport) = try scan(
            material, "sbom-none", database, ["--vex", "oci", "--vex", "local.openvex.json"] + keyless(material))
        #expect(none.status == 0, "\(none.stderr)")
        #expect(findings(noneReport).isEmpty)
        #expect(
            warnings(noneReport).contains(
                "--vex oci: \(material.digests["sbom-none"] ?? "") has no OpenVEX attestation"),
            "\(warnings(noneReport))")
    }

    @Test func anImageReadLocallyIsLookedUpByItsRepositoryDigest() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let name = "127.0.0.1:\(material.port)/supply-chain-sbom/app"
        let digest = try #require(material.digests["vex-signed"])
        func scanLayout(_ refName: String, signers: [String]? = nil) throws -> (ProcessRunner.Result, [String: Any]) {
            let result = try CLI.run(
                [
                    "image", "--input",
                    try OCILayoutCopy.single(
                        material.directory.appendingPathComponent("oci"), digest: digest, refName: refName),
                    "--insecure", "--db",
                    database, "--format", "json", "--vex", "oci",
                ] + (signers ?? keyless(material)), in: material.directory,
                environment: ["DOCKER_CONFIG": "/nonexistent-docker-config", "COSIGN_REPOSITORY": ""])
            return (result, SBOMSupport.object(result.stdout))
        }
        // Named in the registry that holds it: the repository digest leads to its signed OpenVEX attestation.
        let (result, report) = try scanLayout("\(name):vex-signed")
        #expect(result.status == 0, "\(result.stderr)")
        let metadata = try #require(report["Metadata"] as? [String: Any])
        #expect(metadata["RepoDigests"] as? [String] == ["\(name)@\(digest)"])
        #expect(findings(report).isEmpty, "\(warnings(report))")
        let modified = try #require(VEXScanTests.modified(report).first)
        #expect(modified["Status"] as? String == "not_affected")
        let source = try #require(modified["Source"] as? String)
        #expect(source.hasPrefix("VEX attestation sha256-\(digest.dropFirst(7)).att layer sha256:"), "\(source)")
        #expect(source.contains("signed by \(material.identity) via \(material.issuer)"), "\(source)")
        // Signed by someone else as far as the flags say: not applied, with the reason.
        let (_, other) = try scanLayout(
            "\(name):vex-signed", signers: ["--key", "cosign.pub", "--trusted-root", "trusted_root.json"])
        #expect(findings(other) == ["PYSEC-TEST-SIX"])
        #expect(warnings(other).contains("--vex oci: the OpenVEX attestation sha256-"), "\(warnings(other))")
        // A repository that does not hold that digest: the finding stands and the warning says why.
        let (missing, missingReport) = try scanLayout("127.0.0.1:\(material.port)/elsewhere/app:1")
        #expect(missing.status == 0, "\(missing.stderr)")
        #expect(findings(missingReport) == ["PYSEC-TEST-SIX"])
        let text = warnings(missingReport)
        #expect(
            text.contains(
                "--vex oci: the attestations of \(material.directory.path)"), "\(text)")
        #expect(
            text.contains(
                "cannot be looked up by its repository digest (127.0.0.1:\(material.port)/elsewhere/app@\(digest)"),
            "\(text)")
        #expect(missing.stderr.contains("cannot be looked up by its repository digest"), "\(missing.stderr)")
        // Named by a tag only: no registry is known.
        let (_, tagOnly) = try scanLayout("vex-signed")
        #expect(findings(tagOnly) == ["PYSEC-TEST-SIX"])
        #expect(warnings(tagOnly).contains("has no repository digest, so no registry is known"), "\(warnings(tagOnly))")
    }

    @Test func anImageInPodmanIsLookedUpByItsRepositoryDigest() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let servers = try EngineServers.shared()
        let reference = material.reference("vex-signed")
        try servers.podmanPullInsecure(reference)
        let result = try CLI.run(
            [
                "image", reference, "--image-src", "podman", "--podman-host", try servers.podmanSocket(), "--insecure",
                "--db", database, "--format", "json", "--vex", "oci",
            ] + keyless(material), in: material.directory,
            environment: ["DOCKER_CONFIG": "/nonexistent-docker-config", "COSIGN_REPOSITORY": ""])
        #expect(result.status == 0, "\(result.stderr)")
        let report = SBOMSupport.object(result.stdout)
        let metadata = try #require(report["Metadata"] as? [String: Any], "\(result.stderr)")
        #expect((metadata["RepoDigests"] as? [String])?.contains(reference) == true, "\(metadata)")
        #expect(findings(report).isEmpty, "\(warnings(report))")
        let source = try #require(VEXScanTests.modified(report).first?["Source"] as? String, "\(warnings(report))")
        #expect(source.hasPrefix("VEX attestation sha256-"), "\(source)")
    }

    @Test func withoutATrustedSignerVEXAttestationsAreRefused() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let (result, _) = try scan(material, "vex-signed", database, ["--vex", "oci"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--vex oci applies only an OpenVEX attestation whose signature verifies"))
        #expect(result.stderr.contains("--key FILE"), "\(result.stderr)")
        // Trivy's other sources stay refused.
        for source in ["repo", "sbom-ref"] {
            let (refused, _) = try scan(material, "vex-signed", database, ["--vex", source] + keyless(material))
            #expect(refused.status == 2, "\(source)")
            #expect(refused.stderr.contains("--vex \(source): Trivy's VEX repositories and SBOM references"))
        }
    }

    /// `drydock sigstore verify-image --type`: only attestations of the type count.
    private func verifyImage(_ material: Material, _ tag: String, _ arguments: [String]) throws
        -> ProcessRunner.Result
    {
        try CLI.run(
            ["sigstore", "verify-image", "--insecure"] + arguments + [material.reference(tag)], in: material.directory,
            environment: ["DOCKER_CONFIG": "/nonexistent-docker-config", "COSIGN_REPOSITORY": ""])
    }

    @Test func verifyImageTypeCountsOnlyThatPredicateType() throws {
        guard let setup = try setUp() else { return }
        let material = setup.0
        // sbom-cdx: a CycloneDX SBOM and SLSA v1 provenance, keyless, and no image signature.
        let expectations: [(String, String, Int32, String?)] = [
            ("sbom-cdx", "cyclonedx", 0, "https://cyclonedx.org/bom"),
            ("sbom-cdx", "https://cyclonedx.org/bom", 0, "https://cyclonedx.org/bom"),
            ("sbom-cdx", "slsaprovenance1", 0, "https://slsa.dev/provenance/v1"),
            ("sbom-cdx", "slsaprovenance", 1, nil),
            ("sbom-cdx", "openvex", 1, nil),
            ("vex-signed", "openvex", 0, "https://openvex.dev/ns"),
            ("vex-signed", "https://openvex.dev/ns", 0, "https://openvex.dev/ns"),
            ("vex-referrer", "openvex", 0, "https://openvex.dev/ns"),
            ("vex-untrusted", "openvex", 1, nil),
            ("vex-tampered", "openvex", 1, nil),
            ("sbom-none", "cyclonedx", 1, nil),
        ]
        for (tag, type, status, printed) in expectations {
            let result = try verifyImage(material, tag, ["--type", type] + keyless(material))
            #expect(result.status == status, "\(tag) --type \(type): \(result.output) \(result.stderr)")
            if let printed {
                #expect(result.output.hasPrefix("OK: attestation \(printed) for "), "\(tag) \(type): \(result.output)")
                // Only attestations of the type are printed.
                #expect(result.output.split(separator: "\n").count == 1, "\(tag) \(type): \(result.output)")
            } else {
                #expect(result.output.isEmpty, "\(tag) \(type): \(result.output)")
                #expect(
                    result.stderr.contains(
                        "drydock: verification failed: \(material.reference(tag)): no valid attestation of type \(type)"
                    ),
                    "\(tag) \(type): \(result.stderr)")
            }
        }
        // Why an attestation of the type failed is said.
        let untrusted = try verifyImage(material, "vex-untrusted", ["--type", "openvex"] + keyless(material))
        #expect(untrusted.stderr.contains("identity is '\(material.otherIdentity)'"), "\(untrusted.stderr)")
        // Without --type, a valid image signature is still what is required (sbom-cdx has none).
        let signatures = try verifyImage(material, "sbom-cdx", keyless(material))
        #expect(signatures.status == 1, "\(signatures.stderr)")
        #expect(signatures.stderr.contains("no valid cosign signature"), "\(signatures.stderr)")
        // A type that is neither cosign's name nor a URI is a usage error.
        let unknown = try verifyImage(material, "sbom-cdx", ["--type", "sbom"] + keyless(material))
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'sbom' is neither one of cosign's predicate types"), "\(unknown.stderr)")
    }
}
