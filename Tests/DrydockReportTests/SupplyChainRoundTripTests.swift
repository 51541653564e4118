import DrydockModel
import DrydockPolicy
import Foundation
import Testing

@testable import DrydockReport

/// `drydock convert` keeps the supply-chain results and the verified attestations of a Drydock JSON report.
@Suite("Supply chain and attestations read back from a JSON report")
struct SupplyChainRoundTripTests {
    private static let digest = "sha256:" + String(repeating: "4b", count: 32)

    private func report() -> ScanReport {
        var report = AllKindsFixture.report()
        let signer = SupplyChainEvidence(
            source: "sha256-4b4b.att layer sha256:c793", signedDigest: Self.digest,
            identity: "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main",
            issuer: "https://token.actions.githubusercontent.com", certificateSHA256: "sha256:de9f",
            signingTime: Date(timeIntervalSince1970: 1_740_830_460), logIndexes: [1032, 1033])
        var provenance = signer
        provenance.provenance = ProvenanceFacts(
            predicateType: "https://slsa.dev/provenance/v1", builderID: "https://builder.example/b@v1",
            buildType: "https://builder.example/type", sourceURI: "git+https://github.com/acme/app@refs/heads/main",
            sourceCommit: "5f0c7a1e", entryPoint: ".github/workflows/release.yml", invocationID: "run-7")
        report.attestations = ImageAttestations(
            provenance: [provenance],
            inventory: AttestedInventory(
                predicateType: "https://cyclonedx.org/bom", format: "CycloneDX 1.5", evidence: signer))
        var keyed = signer
        keyed.identity = nil
        keyed.issuer = nil
        keyed.certificateSHA256 = nil
        keyed.key = "keys/cosign.pub"
        keyed.logIndexes = []
        keyed.warning = "accepted without a transparency-log entry (insecureIgnoreTlog)"
        keyed.provenance = provenance.provenance
        report.supplyChain = [
            SupplyChainRuleResult(
                rule: SupplyChainRule(
                    name: "pinned", requirement: .digestReference,
                    location: SourceLocation(file: "C:/policies/policy.yaml", line: 4)),
                imageDigest: Self.digest,
                satisfiedBy: SupplyChainEvidence(source: "reference", signedDigest: Self.digest)),
            SupplyChainRuleResult(
                rule: SupplyChainRule(
                    name: "release", description: "signed by the release workflow", action: .warn,
                    requirement: .signature(
                        .keyless(
                            subject: .regularExpression("https://github\\.com/acme/.*"),
                            issuer: .exact("https://token.actions.githubusercontent.com"))),
                    location: SourceLocation(file: "policy.yaml", line: 9)),
                imageDigest: Self.digest,
                reasons: ["sha256-4b4b.sig layer sha256:aa: identity https://evil.example does not match"]),
            SupplyChainRuleResult(
                rule: SupplyChainRule(
                    name: "built-here",
                    requirement: .provenance(
                        .key(path: "keys/cosign.pub"),
                        ProvenanceRequirement(
                            builder: .exact("https://builder.example/b@v1"),
                            sourceRepository: .regularExpression("https://github\\.com/acme/.+"))),
                    location: SourceLocation(file: "policy.yaml"), insecureIgnoreTlog: true),
                imageDigest: Self.digest, satisfiedBy: keyed),
        ]
        return report
    }

    @Test("write, read, write: byte-identical, and the values come back equal")
    func roundTrip() throws {
        let original = report()
        let first = TrivyJSONReport(toolVersion: "0.1.0").render(original)
        let saved = try TrivyJSONReportReader.read(first, path: "report.json")
        #expect(saved.supplyChain == original.supplyChain)
        #expect(saved.attestations == original.attestations)
        let second = TrivyJSONReport(toolVersion: saved.toolVersion).render(saved.scanReport())
        #expect(String(decoding: second, as: UTF8.self) == String(decoding: first, as: UTF8.self))
    }

    @Test("each rule states its kind and what it requires, with cosign's names for a signer")
    func requirementsInTheJSON() throws {
        let value = try JSONParser.parse(TrivyJSONReport().render(report()))
        let rules = try #require(value["Drydock"]?["SupplyChain"]?.arrayValue)
        #expect(rules.map { $0["Kind"]?.stringValue } == ["digest", "signature", "provenance"])
        #expect(rules[1]["Requires"]?["IdentityRegexp"]?.stringValue == "https://github\\.com/acme/.*")
        #expect(rules[1]["Requires"]?["Issuer"]?.stringValue == "https://token.actions.githubusercontent.com")
        #expect(rules[1]["Action"]?.stringValue == "warn")
        #expect(rules[2]["Requires"]?["Key"]?.stringValue == "keys/cosign.pub")
        #expect(rules[2]["Requires"]?["InsecureIgnoreTlog"]?.boolValue == true)
        #expect(rules[2]["SatisfiedBy"]?["Warning"]?.stringValue?.contains("insecureIgnoreTlog") == true)
        #expect(rules[0]["Requires"] == .object([]))
    }

    @Test("an entry of an unknown kind is left out, not guessed")
    func unknownKind() throws {
        let json = """
            {"SchemaVersion":2,"ArtifactName":"x","ArtifactType":"container_image","Results":[],
             "Drydock":{"SupplyChain":[{"Rule":"old","Location":"policy.yaml:3","Met":true,"Action":"pass"},
                                       {"Rule":"pinned","Kind":"digest","Location":"policy.yaml:4","Met":false,
                                        "Action":"fail","Reasons":["named by tag"]}]}}
            """
        let saved = try TrivyJSONReportReader.read(Array(json.utf8), path: "old.json")
        #expect(saved.supplyChain.map(\.rule.name) == ["pinned"])
        #expect(saved.supplyChain.first?.rule.location == SourceLocation(file: "policy.yaml", line: 4))
        #expect(saved.supplyChain.first?.reasons == ["named by tag"])
    }
}
