import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation
import Testing

/// Verified attestations in the JSON report, the table and the evidence; in-toto statements for `drydock attest`.
@Suite struct AttestationReportTests {
    private static let digest = "sha256:" + String(repeating: "4b", count: 32)

    private func report() -> ScanReport {
        var report = ReportFixtures.report()
        let facts = ProvenanceFacts(
            predicateType: "https://slsa.dev/provenance/v1", builderID: "https://builder.example/b@v1",
            buildType: "https://builder.example/type", sourceURI: "git+https://github.com/acme/app@refs/heads/main",
            sourceCommit: "5f0c7a1e", entryPoint: ".github/workflows/release.yml", invocationID: "run-7")
        let signer = SupplyChainEvidence(
            source: "sha256-4b4b.att layer sha256:c793", signedDigest: Self.digest,
            identity: "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main",
            issuer: "https://token.actions.githubusercontent.com", certificateSHA256: "sha256:de9f",
            signingTime: Date(timeIntervalSince1970: 1_740_830_460), logIndexes: [1032])
        var provenance = signer
        provenance.provenance = facts
        report.attestations = ImageAttestations(
            provenance: [provenance],
            inventory: AttestedInventory(
                predicateType: "https://cyclonedx.org/bom", format: "CycloneDX 1.5", evidence: signer))
        return report
    }

    @Test func theJSONReportCarriesProvenanceAndTheInventorySource() throws {
        let value = try JSONParser.parse(TrivyJSONReport().render(report()))
        let drydock = try #require(value["Drydock"])
        guard case .array(let entries)? = drydock["Provenance"], let first = entries.first else {
            Issue.record("no Drydock.Provenance")
            return
        }
        #expect(first["BuilderID"]?.stringValue == "https://builder.example/b@v1")
        #expect(first["SourceRepository"]?.stringValue == "https://github.com/acme/app")
        #expect(first["SourceCommit"]?.stringValue == "5f0c7a1e")
        #expect(first["EntryPoint"]?.stringValue == ".github/workflows/release.yml")
        #expect(first["InvocationID"]?.stringValue == "run-7")
        #expect(first["VerifiedBy"]?["SignedAt"]?.stringValue == "2025-03-01T12:01:00Z")
        #expect(first["VerifiedBy"]?["Provenance"] == nil)
        let source = try #require(drydock["InventorySource"])
        #expect(source["Kind"]?.stringValue == "attestation")
        #expect(source["Format"]?.stringValue == "CycloneDX 1.5")
        #expect(source["VerifiedBy"]?["Identity"]?.stringValue?.hasSuffix("@refs/heads/main") == true)
        // Without attestations, neither field is written (Trivy's schema otherwise unchanged).
        let plain = try JSONParser.parse(TrivyJSONReport().render(ReportFixtures.report()))
        #expect(plain["Drydock"]?["Provenance"] == nil)
        #expect(plain["Drydock"]?["InventorySource"] == nil)
    }

    @Test func theTableAndTheEvidenceSayWhereThePackagesCameFrom() throws {
        let table = TableReport(colour: false, width: 300).render(report())
        #expect(table.contains("Attestations\n============"), "\(table)")
        #expect(table.contains("Inventory: from the SBOM attestation sha256-4b4b.att layer sha256:c793 signed by"))
        #expect(
            table.contains("Provenance: built by https://builder.example/b@v1, build type https://builder.example/type")
        )
        #expect(table.contains("at commit 5f0c7a1e, entry point .github/workflows/release.yml, invocation run-7"))
        #expect(!TableReport(colour: false, width: 300).render(ReportFixtures.report()).contains("Attestations"))
        let lines = String(
            decoding: EvidenceLog().render(report(), gate: Gate(policy: ScanPolicy(failureExitCode: 0))), as: UTF8.self
        )
        .split(separator: "\n").map { try? JSONParser.parse(Array($0.utf8)) }
        let attestations = lines.compactMap { $0?["attestation"] }
        #expect(attestations.map { $0["kind"]?.stringValue } == ["provenance", "sbom"])
        #expect(attestations.last?["usedAs"]?.stringValue == "inventory")
        #expect(attestations.first?["verifiedBy"]?["provenance"]?["invocationID"]?.stringValue == "run-7")
    }

    @Test func statementsNameTheImageByRepositoryAndDigest() throws {
        let subject = try #require(
            InTotoStatementWriter.Subject(repoDigest: "registry.example/team/app@\(Self.digest)"))
        #expect(subject.name == "registry.example/team/app")
        #expect(subject.sha256 == String(repeating: "4b", count: 32))
        #expect(InTotoStatementWriter.Subject(repoDigest: "registry.example/app:1.0") == nil)
        #expect(InTotoStatementWriter.Subject(repoDigest: "app@sha256:ABCD") == nil)
        let bytes = try InTotoStatementWriter.statement(
            predicate: Array(#"{"bomFormat": "CycloneDX"}"#.utf8), predicateType: "https://cyclonedx.org/bom",
            subject: subject)
        let statement = try JSONParser.parse(bytes)
        #expect(statement["_type"]?.stringValue == "https://in-toto.io/Statement/v1")
        #expect(statement["predicateType"]?.stringValue == "https://cyclonedx.org/bom")
        #expect(statement["predicate"]?["bomFormat"]?.stringValue == "CycloneDX")
        guard case .array(let subjects)? = statement["subject"] else {
            Issue.record("no subject")
            return
        }
        #expect(subjects.first?["digest"]?["sha256"]?.stringValue == subject.sha256)
        #expect(throws: JSONParseError.self) {
            try InTotoStatementWriter.statement(predicate: Array("{".utf8), predicateType: "x", subject: subject)
        }
    }

    @Test func theVulnerabilityPredicateHasCosignsLayout() throws {
        let started = Date(timeIntervalSince1970: 1_740_830_400)
        let predicate = try JSONParser.parse(
            InTotoStatementWriter.vulnerabilityPredicate(
                report: TrivyJSONReport().render(ReportFixtures.report()), toolVersion: "1.2.3",
                database: DatabaseSummary(
                    path: "/tmp/db", schemaVersion: 1, builtAt: Date(timeIntervalSince1970: 1_740_000_000),
                    digest: "sha256:abcd"),
                startedAt: started, finishedAt: started.addingTimeInterval(2)))
        guard case .object(let members) = predicate else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["invocation", "scanner", "metadata"])
        #expect(predicate["invocation"]?["builder.id"]?.stringValue == "")
        #expect(predicate["scanner"]?["uri"]?.stringValue == "pkg:generic/drydock@1.2.3")
        #expect(predicate["scanner"]?["db"]?["uri"]?.stringValue == "sha256:abcd")
        #expect(predicate["scanner"]?["result"]?["SchemaVersion"] == .int(2))
        #expect(predicate["metadata"]?["scanStartedOn"]?.stringValue == "2025-03-01T12:00:00Z")
        #expect(predicate["metadata"]?["scanFinishedOn"]?.stringValue == "2025-03-01T12:00:02Z")
    }
}
