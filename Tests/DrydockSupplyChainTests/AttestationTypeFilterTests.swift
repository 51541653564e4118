import DrydockSupplyChain
import Foundation
import Testing

/// `verify-image --type`: cosign's names and URIs, and the OpenVEX predicate read from a statement.
@Suite struct AttestationTypeFilterTests {
    @Test(
        "cosign's names match their URIs; cyclonedx, spdx and openvex also the versioned spellings",
        arguments: [
            ("cyclonedx", "https://cyclonedx.org/bom", true),
            ("cyclonedx", "https://cyclonedx.org/bom/v1.6", true),
            ("cyclonedx", "https://spdx.dev/Document", false),
            ("spdxjson", "https://spdx.dev/Document/v2.3", true),
            ("spdx", "https://spdx.dev/Document", true),
            ("openvex", "https://openvex.dev/ns/v0.2.0", true),
            ("openvex", "https://openvex.dev/nsx", false),
            ("slsaprovenance", "https://slsa.dev/provenance/v0.2", true),
            ("slsaprovenance02", "https://slsa.dev/provenance/v0.2", true),
            ("slsaprovenance", "https://slsa.dev/provenance/v1", false),
            ("slsaprovenance1", "https://slsa.dev/provenance/v1", true),
            ("vuln", "https://cosign.sigstore.dev/attestation/vuln/v1", true),
            ("link", "https://in-toto.io/Link/v1", true),
            ("custom", "https://cosign.sigstore.dev/attestation/v1", true),
            ("custom", "https://cosign.sigstore.dev/attestation/vuln/v1", false),
            ("https://example.com/test-result/v1", "https://example.com/test-result/v1/", true),
            ("https://example.com/test-result/v1", "https://example.com/test-result/v2", false),
            ("https://cyclonedx.org/bom", "https://cyclonedx.org/bom/v1.5", false),
        ])
    func matches(type: String, predicateType: String, expected: Bool) throws {
        #expect(try AttestationTypeFilter(type).matches(predicateType) == expected)
    }

    @Test func unknownNamesAreRefused() throws {
        for value in ["sbom", "CycloneDX", "", "openvex.dev/ns", "urn:example"] {
            #expect(throws: SupplyChainError.self, "\(value)") { try AttestationTypeFilter(value) }
        }
        #expect(try AttestationTypeFilter("openvex").predicateType == "https://openvex.dev/ns")
        #expect(try AttestationTypeFilter("cyclonedx").matches(nil) == false)
    }

    @Test("the OpenVEX document is the predicate, a JSON string of it, or cosign 1.x's Data wrapper")
    func openVEXPredicate() throws {
        let vex = #"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": []}"#
        let escaped = vex.replacingOccurrences(of: "\"", with: "\\\"")
        for predicate in [vex, "\"\(escaped)\"", #"{"Data": \#(vex), "Timestamp": "2025-03-01T12:00:00Z"}"#] {
            let statement = try AttestationStatement.parse(
                Array(
                    """
                    {"_type": "https://in-toto.io/Statement/v1",
                     "subject": [{"name": "app", "digest": {"sha256": "\(String(repeating: "ab", count: 32))"}}],
                     "predicateType": "https://openvex.dev/ns", "predicate": \(predicate)}
                    """.utf8), source: "test")
            #expect(try statement.sbomDocument() == nil)
            let bytes = try #require(try statement.vexDocument())
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(object["@context"] as? String == "https://openvex.dev/ns/v0.2.0", "\(predicate)")
        }
    }
}
