import DrydockSupplyChain
import Foundation
import Testing

/// In-toto statements and predicate types as cosign, in-toto-golang and Trivy write them.
@Suite struct AttestationStatementTests {
    @Test(
        "predicate type URIs",
        arguments: [
            ("https://cyclonedx.org/bom", AttestationPredicate.cycloneDX),
            ("https://cyclonedx.org/bom/v1.5", .cycloneDX),
            ("https://cyclonedx.org/schema", .cycloneDX),  // in-toto-golang before 0.5 (Trivy still reads it)
            ("https://spdx.dev/Document", .spdx),
            ("https://spdx.dev/Document/v2.3", .spdx),
            ("https://slsa.dev/provenance/v0.2", .slsaProvenance),
            ("https://slsa.dev/provenance/v1", .slsaProvenance),
            ("https://cosign.sigstore.dev/attestation/vuln/v1", .vulnerability),
            ("https://openvex.dev/ns/v0.2.0", .openVEX),
            ("https://cosign.sigstore.dev/attestation/v1", .other("https://cosign.sigstore.dev/attestation/v1")),
            ("https://cyclonedx.org/bomb", .other("https://cyclonedx.org/bomb")),
        ])
    func predicateTypes(uri: String, kind: AttestationPredicate) {
        #expect(AttestationPredicate(uri) == kind)
    }

    private func statement(_ predicate: String, type: String = "https://cyclonedx.org/bom") -> [UInt8] {
        Array(
            """
            {"_type": "https://in-toto.io/Statement/v1",
             "subject": [{"name": "registry.example/app", "digest": {"sha256": "\(String(repeating: "ab", count: 32))"}}],
             "predicateType": "\(type)", "predicate": \(predicate)}
            """.utf8)
    }

    private func document(_ bytes: [UInt8]?) throws -> [String: Any] {
        let bytes = try #require(bytes)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test("the SBOM is the predicate, a JSON string of it (cosign --type spdx) or cosign 1.x's Data wrapper")
    func sbomSpellings() throws {
        let bom = #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": []}"#
        let direct = try AttestationStatement.parse(statement(bom), source: "s")
        #expect(direct.subjects.first?.digests["sha256"] == String(repeating: "ab", count: 32))
        #expect(direct.subjects.first?.name == "registry.example/app")
        #expect(try document(direct.sbomDocument())["bomFormat"] as? String == "CycloneDX")
        let spdx = #"{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}"#
        let quoted = String(data: try JSONSerialization.data(withJSONObject: [spdx]), encoding: .utf8) ?? ""
        let asString = try AttestationStatement.parse(
            statement(String(quoted.dropFirst().dropLast()), type: "https://spdx.dev/Document"), source: "s")
        #expect(try document(asString.sbomDocument())["spdxVersion"] as? String == "SPDX-2.3")
        let legacy = try AttestationStatement.parse(
            statement(#"{"Data": \#(bom), "Timestamp": "2023-01-01T00:00:00Z"}"#, type: "https://cyclonedx.org/schema"),
            source: "s")
        #expect(try document(legacy.sbomDocument())["specVersion"] as? String == "1.5")
        let provenance = try AttestationStatement.parse(
            statement(#"{"builder": {"id": "x"}}"#, type: "https://slsa.dev/provenance/v0.2"), source: "s")
        #expect(try provenance.sbomDocument() == nil)
    }

    @Test("not a statement, no predicate, a predicate that is a number: errors naming the place")
    func malformed() {
        #expect(throws: SupplyChainError.self) {
            try AttestationStatement.parse(Array(#"{"_type": "x", "predicateType": "y"}"#.utf8), source: "s")
        }
        #expect(throws: SupplyChainError.self) {
            try AttestationStatement.parse(
                Array(#"{"_type": "https://in-toto.io/Statement/v1", "predicateType": "y"}"#.utf8), source: "s")
        }
        #expect(throws: SupplyChainError.self) {
            try AttestationStatement.parse(statement("42"), source: "s").sbomDocument()
        }
        #expect(throws: SupplyChainError.self) {
            try AttestationStatement.parse(
                envelope: Array(#"{"payloadType": "text/plain", "payload": "e30="}"#.utf8), source: "s")
        }
    }
}
