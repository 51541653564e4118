import DrydockSupplyChain
import DrydockTestSupport
import Foundation
import Testing

/// `drydock attest`: the SBOM and vulnerability report of an image pulled from the real `docker-registry` on
/// loopback, as in-toto predicates and statements; SBOMs checked by the CycloneDX and SPDX oracles
/// (cyclonedx-python-lib, spdx-tools) and read back by Drydock's attestation parser and SBOM reader.
@Suite struct AttestCommandTests {
    private func attest(_ material: SBOMAttestationMaterial.Pushed, database: String, _ arguments: [String]) throws
        -> ProcessRunner.Result
    {
        try CLI.run(
            ["attest", material.reference("sbom-none"), "--insecure", "--db", database] + arguments,
            in: material.directory, environment: ["DOCKER_CONFIG": "/nonexistent-docker-config"])
    }

    private func setUp() throws -> (SBOMAttestationMaterial.Pushed, String, URL)? {
        guard let setup = try SBOMAttestationScanTests().setUp() else { return nil }
        return (setup.0, setup.1, try PackagePaths.temporaryDirectory("attest"))
    }

    @Test func statementsOfDrydocksSBOMsNameTheImageAndReadBack() throws {
        guard let setup = try setUp() else { return }
        let (material, database, work) = setup
        let digest = try #require(material.digests["sbom-none"])
        for (type, predicateType, validator) in [
            ("cyclonedx", "https://cyclonedx.org/bom", "cyclonedx"), ("spdxjson", "https://spdx.dev/Document", "spdx"),
        ] {
            let file = work.appendingPathComponent("\(type).intoto.json")
            let result = try attest(material, database: database, ["--type", type, "--statement", file.path])
            #expect(result.status == 0, "\(type): \(result.stderr)")
            let bytes = Array(try Data(contentsOf: file))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(object["_type"] as? String == "https://in-toto.io/Statement/v1")
            let subject = try #require((object["subject"] as? [[String: Any]])?.first)
            #expect(subject["name"] as? String == "127.0.0.1:\(material.port)/supply-chain-sbom/app")
            #expect((subject["digest"] as? [String: String])?["sha256"] == String(digest.dropFirst(7)))
            // Drydock's own attestation parser reads it back; the SBOM inside passes the format's oracle and
            // scans to the image's packages.
            let statement = try AttestationStatement.parse(bytes, source: file.path)
            #expect(statement.predicateType == predicateType)
            #expect(statement.subjects.first?.digests["sha256"] == String(digest.dropFirst(7)))
            let sbom = work.appendingPathComponent("\(type).sbom.json")
            try Data(try #require(try statement.sbomDocument())).write(to: sbom)
            #expect(try SBOMSupport.validate(validator, sbom) == [], "\(type)")
            let scanned = try CLI.run(["sbom", sbom.path, "--db", database, "--format", "json", "--list-all-pkgs"])
            #expect(scanned.status == 0, "\(scanned.stderr)")
            #expect(CLI.findingRows(SBOMSupport.object(scanned.stdout)).map { $0[2] } == ["PYSEC-TEST-SIX"])
        }
    }

    @Test func thePredicateAloneIsTheSBOMCosignAttestTakes() throws {
        guard let setup = try setUp() else { return }
        let (material, database, work) = setup
        let file = work.appendingPathComponent("bom.cdx.json")
        // A `--format` (from a trivy.yaml, say) is replaced by --type, with a warning.
        let result = try attest(
            material, database: database, ["--type", "cyclonedx", "--predicate", file.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("--format and --output are ignored"), "\(result.stderr)")
        #expect(try SBOMSupport.validate("cyclonedx", file) == [])
        let object = SBOMSupport.object(try Data(contentsOf: file))
        #expect(object["bomFormat"] as? String == "CycloneDX")
        #expect(object["_type"] == nil)
    }

    @Test func theVulnerabilityReportIsCosignsVulnPredicate() throws {
        guard let setup = try setUp() else { return }
        let (material, database, work) = setup
        let file = work.appendingPathComponent("vuln.intoto.json")
        let result = try attest(material, database: database, ["--type", "vuln", "--statement", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let statement = SBOMSupport.object(try Data(contentsOf: file))
        #expect(statement["predicateType"] as? String == "https://cosign.sigstore.dev/attestation/vuln/v1")
        let predicate = try #require(statement["predicate"] as? [String: Any])
        // cosign's CosignVulnPredicate: invocation, scanner (uri, version, db, result), metadata.
        #expect(Set(predicate.keys) == ["invocation", "scanner", "metadata"])
        let scanner = try #require(predicate["scanner"] as? [String: Any])
        #expect((scanner["uri"] as? String)?.hasPrefix("pkg:generic/drydock@") == true)
        #expect(((scanner["db"] as? [String: Any])?["uri"] as? String)?.hasPrefix("sha256:") == true)
        let report = try #require(scanner["result"] as? [String: Any])
        #expect(report["SchemaVersion"] as? Int == 2)
        #expect(CLI.findingRows(report).map { $0[2] } == ["PYSEC-TEST-SIX"])
        let metadata = try #require(predicate["metadata"] as? [String: String])
        #expect(ISO8601DateFormatter().date(from: metadata["scanStartedOn"] ?? "") != nil)
        // Trivy's `--format cosign-vuln` writes the same predicate.
        let format = try CLI.run(
            ["image", material.reference("sbom-none"), "--insecure", "--db", database, "--format", "cosign-vuln"],
            environment: ["DOCKER_CONFIG": "/nonexistent-docker-config"])
        #expect(format.status == 0, "\(format.stderr)")
        let same = SBOMSupport.object(format.stdout)
        #expect(Set(same.keys) == ["invocation", "scanner", "metadata"])
        let inside = (same["scanner"] as? [String: Any])?["result"] as? [String: Any] ?? [:]
        #expect(CLI.findingRows(inside).map { $0[2] } == ["PYSEC-TEST-SIX"])
    }

    @Test func usageErrors() throws {
        guard let setup = try setUp() else { return }
        let (material, database, _) = setup
        for (arguments, message) in [
            (["--type", "vuln"], "give --predicate FILE or --statement FILE"),
            (["--type", "vuln", "--predicate", "a", "--statement", "b"], "not both"),
            (["--type", "spdx", "--predicate", "a"], "spdx"),
        ] {
            let result = try attest(material, database: database, arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
