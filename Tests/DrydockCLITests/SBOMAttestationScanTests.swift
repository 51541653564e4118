import DrydockTestSupport
import Foundation
import Testing

/// `drydock image --sbom-sources oci`: a verified cosign SBOM attestation is the inventory, anything else falls
/// back to the layers; verified SLSA provenance is stated in the report. Against the real `docker-registry` on
/// loopback, holding images and attestations made by `scripts/fixtures/sbom_attestation_material.py` (Python's
/// `cryptography`), with a DB built from the OSV advisories it writes.
@Suite struct SBOMAttestationScanTests {
    private typealias Material = SBOMAttestationMaterial.Pushed

    /// A DB of the material's OSV advisories, built once.
    static let database: Result<String, any Error>? = {
        let material: SBOMAttestationMaterial.Pushed?
        do {
            material = try SBOMAttestationMaterial.pushed()
        } catch {
            return .failure(error)
        }
        guard let material else { return nil }
        return Result { try CLI.buildDatabase([material.directory.appendingPathComponent("osv").path]) }
    }()

    func setUp() throws -> (SBOMAttestationMaterial.Pushed, String)? {
        guard let material = try SBOMAttestationMaterial.pushed(), let database = Self.database else { return nil }
        return (material, try database.get())
    }

    /// `drydock image` on `tag` with `arguments` (relative paths resolve in the material's folder), JSON report.
    private func scan(_ material: Material, _ tag: String, _ database: String, _ arguments: [String]) throws
        -> (result: ProcessRunner.Result, report: [String: Any])
    {
        let result = try CLI.run(
            ["image", material.reference(tag), "--insecure", "--db", database, "--format", "json", "--list-all-pkgs"]
                + arguments, in: material.directory,
            environment: ["DOCKER_CONFIG": "/nonexistent-docker-config", "COSIGN_REPOSITORY": ""])
        return (result, SBOMSupport.object(result.stdout))
    }

    private func keyless(_ material: Material, identity: String? = nil) -> [String] {
        [
            "--certificate-identity", identity ?? material.identity, "--certificate-oidc-issuer", material.issuer,
            "--trusted-root", "trusted_root.json",
        ]
    }

    private func packages(_ report: [String: Any]) -> Set<String> {
        let results = report["Results"] as? [[String: Any]] ?? []
        return Set(
            results.flatMap { ($0["Packages"] as? [[String: Any]]) ?? [] }.map {
                "\($0["Name"] as? String ?? "")@\($0["Version"] as? String ?? "")"
            })
    }

    private func drydock(_ report: [String: Any]) -> [String: Any] { report["Drydock"] as? [String: Any] ?? [:] }

    private func warnings(_ report: [String: Any]) -> String {
        (drydock(report)["Warnings"] as? [String] ?? []).joined(separator: "\n")
    }

    @Test func aVerifiedCycloneDXAttestationIsTheInventory() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let evidence = material.directory.appendingPathComponent("cdx.evidence.jsonl")
        let (result, report) = try scan(
            material, "sbom-cdx", database,
            ["--sbom-sources", "oci", "--evidence", evidence.path] + keyless(material))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(packages(report) == ["requests@2.19.0", "urllib3@1.24.1"])
        #expect(CLI.findingRows(report).map { $0[2] } == ["PYSEC-TEST-REQUESTS"])
        let source = try #require(drydock(report)["InventorySource"] as? [String: Any])
        #expect(source["Kind"] as? String == "attestation")
        #expect(source["PredicateType"] as? String == "https://cyclonedx.org/bom")
        #expect(source["Format"] as? String == "CycloneDX 1.5")
        let signer = try #require(source["VerifiedBy"] as? [String: Any])
        #expect(signer["Identity"] as? String == material.identity)
        #expect(signer["Issuer"] as? String == material.issuer)
        #expect(signer["SignedDigest"] as? String == material.digests["sbom-cdx"])
        #expect((signer["Source"] as? String)?.contains(".att layer sha256:") == true)
        #expect(signer["SignedAt"] as? String == "2025-03-01T12:01:00Z")
        // The provenance attached beside it is stated too.
        let provenance = try #require((drydock(report)["Provenance"] as? [[String: Any]])?.first)
        #expect(provenance["BuilderID"] as? String == material.builderV1)
        #expect(provenance["SourceRepository"] as? String == "https://github.com/example/app")
        #expect(provenance["SourceCommit"] as? String == material.sourceCommit)
        #expect(provenance["EntryPoint"] as? String == ".github/workflows/release.yml")
        #expect(provenance["InvocationID"] as? String == "run-1")
        #expect((provenance["VerifiedBy"] as? [String: Any])?["Identity"] as? String == material.identity)
        let lines = try String(contentsOf: evidence, encoding: .utf8).split(separator: "\n")
        let kinds = lines.compactMap { line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["attestation"] as? [String: Any])?["kind"] as? String
        }
        #expect(kinds.sorted() == ["provenance", "sbom"])
        // The table says where the packages came from and what built the image.
        let table = try CLI.run(
            ["image", material.reference("sbom-cdx"), "--insecure", "--db", database, "--sbom-sources", "attestation"]
                + keyless(material), in: material.directory, environment: ["COLUMNS": "1000"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.output.contains("Inventory: from the SBOM attestation sha256-"), "\(table.output)")
        #expect(table.output.contains("Provenance: built by \(material.builderV1)"))
    }

    @Test func anSPDXAttestationSignedWithAKeyIsTheInventory() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let (result, report) = try scan(
            material, "sbom-spdx", database,
            ["--sbom-sources", "attestation", "--key", "cosign.pub", "--trusted-root", "trusted_root.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(packages(report) == ["requests@2.19.0"], "\(warnings(report))")
        let source = try #require(drydock(report)["InventorySource"] as? [String: Any])
        #expect(source["Format"] as? String == "SPDX-2.3")
        #expect((source["VerifiedBy"] as? [String: Any])?["Key"] as? String == "cosign.pub")
        // A key-signed attestation's Rekor entry is checked too: against the public-good root, this test log is
        // unknown, and the layers are analysed.
        let (_, publicRoot) = try scan(
            material, "sbom-spdx", database, ["--sbom-sources", "attestation", "--key", "cosign.pub"])
        #expect(packages(publicRoot) == ["six@1.16.0"])
        #expect(warnings(publicRoot).contains("the entry is from a log the trusted root does not know"))
    }

    @Test func anUnverifiedAttestationIsNeverScannedAndTheLayersAre() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let cases: [(String, [String], String)] = [
            ("sbom-untrusted", keyless(material), "the certificate's identity is '\(material.otherIdentity)'"),
            ("sbom-tampered", keyless(material), "sha256-"),
            ("sbom-none", keyless(material), "no tag sha256-"),
            // Signed, but with a key: a keyless signer does not accept it.
            ("sbom-spdx", keyless(material), "signed with a key"),
            ("sbom-cdx", keyless(material, identity: material.otherIdentity), "the certificate's identity is"),
        ]
        for (tag, arguments, reason) in cases {
            let (result, report) = try scan(material, tag, database, ["--sbom-sources", "oci"] + arguments)
            #expect(result.status == 0, "\(tag): \(result.stderr)")
            #expect(packages(report) == ["six@1.16.0"], "\(tag)")
            #expect(CLI.findingRows(report).map { $0[2] } == ["PYSEC-TEST-SIX"], "\(tag)")
            #expect(drydock(report)["InventorySource"] == nil, "\(tag)")
            let text = warnings(report)
            #expect(text.contains("no verified SBOM attestation for \(material.digests[tag] ?? "")"), "\(tag): \(text)")
            #expect(text.contains(reason), "\(tag): \(text)")
            #expect(text.contains("the image's layers were analysed instead"), "\(tag)")
        }
        // The tampered envelope fails its own checks, whoever would have signed it.
        let (_, tampered) = try scan(
            material, "sbom-tampered", database, ["--sbom-sources", "oci"] + keyless(material))
        // (Its `.att` tag was found: the only "no tag" note is the referrers tag's, as for every image here.)
        let hex = (material.digests["sbom-tampered"] ?? "").dropFirst(7)
        #expect(!warnings(tampered).contains("no tag sha256-\(hex).att"), "\(warnings(tampered))")
        #expect(
            warnings(tampered).contains("the log entry records a different DSSE payload than the bundle's"),
            "\(warnings(tampered))")
    }

    @Test func withoutASignerTheAttestationSourceIsRefused() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let (result, _) = try scan(material, "sbom-cdx", database, ["--sbom-sources", "oci"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--key FILE"), "\(result.stderr)")
        #expect(result.stderr.contains("--certificate-identity"))
        let (half, _) = try scan(
            material, "sbom-cdx", database, ["--sbom-sources", "oci", "--certificate-identity", material.identity])
        #expect(half.status == 2, "\(half.stderr)")
        #expect(half.stderr.contains("--certificate-oidc-issuer"), "\(half.stderr)")
        let (unknown, _) = try scan(material, "sbom-cdx", database, ["--sbom-sources", "oci,git"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown source 'git'"), "\(unknown.stderr)")
    }

    @Test func rekorIsNotSearchedAndTheLayersAreAnalysed() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let (result, report) = try scan(material, "sbom-cdx", database, ["--sbom-sources", "rekor"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("--sbom-sources rekor is not supported"), "\(result.stderr)")
        #expect(packages(report) == ["six@1.16.0"])
    }

    @Test func thePolicysSignersAreTrustedAndProvenanceIsStatedWithoutARule() throws {
        guard let setup = try setUp() else { return }
        let (material, database) = setup
        let policy = material.directory.appendingPathComponent("sbom-signers.policy.yaml")
        try Data(
            """
            apiVersion: drydock/v1
            supplyChain:
              trustedRoot: trusted_root.json
              signatures:
                - name: release
                  action: warn
                  keyless: {subject: '\(material.identity)', issuer: '\(material.issuer)'}

            """.utf8
        ).write(to: policy)
        let (result, report) = try scan(
            material, "sbom-cdx", database, ["--sbom-sources", "oci", "--policy", policy.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(packages(report) == ["requests@2.19.0", "urllib3@1.24.1"])
        // Without --sbom-sources, a signer is enough for the provenance to be verified and reported.
        let (layers, layerReport) = try scan(material, "sbom-cdx", database, keyless(material))
        #expect(layers.status == 0, "\(layers.stderr)")
        #expect(packages(layerReport) == ["six@1.16.0"])
        #expect(drydock(layerReport)["InventorySource"] == nil)
        let provenance = (drydock(layerReport)["Provenance"] as? [[String: Any]])?.first
        #expect(provenance?["BuilderID"] as? String == material.builderV1)
        // Provenance signed by someone not trusted is not stated.
        let (_, untrusted) = try scan(
            material, "sbom-cdx", database, keyless(material, identity: material.otherIdentity))
        #expect(drydock(untrusted)["Provenance"] == nil)
    }
}
