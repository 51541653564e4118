import DrydockPolicy
import Testing

@Suite struct SupplyChainPolicyParserTests {
    private func parse(_ supplyChain: String) throws(PolicyError) -> PolicyDocument {
        try PolicyParser.parse(Array(("apiVersion: drydock/v1\nsupplyChain:\n" + supplyChain).utf8), path: "p.yaml")
    }

    @Test func readsRulesInOrderWithLines() throws {
        let document = try parse(
            """
              trustedRoot: root.json
              requireDigest: true
              signatures:
                - name: release
                  keyless: {subjectRegExp: 'https://github\\.com/acme/.+', issuer: https://token.actions.githubusercontent.com}
                - key: cosign.pub
                  action: warn
              provenance:
                - name: slsa
                  key: cosign.pub
                  builder: https://builder.example
                  sourceRepositoryRegExp: 'https://github\\.com/acme/.*'

            """)
        let policy = try #require(document.supplyChain)
        #expect(policy.trustedRoot == "root.json")
        #expect(policy.rules.map(\.name) == ["requireDigest", "release", "signatures[1]", "slsa"])
        #expect(policy.rules.map(\.location.line) == [4, 6, 8, 11])
        #expect(policy.rules[2].action == .warn)
        #expect(policy.signers.count == 2)
        guard case .keyless(let subject, let issuer) = policy.rules[1].signer else {
            Issue.record("not keyless")
            return
        }
        #expect(subject.matches("https://github.com/acme/app"))
        // A regular expression must match the whole value, unlike cosign's.
        #expect(!subject.matches("https://evil.example/?https://github.com/acme/app"))
        #expect(issuer.matches("https://token.actions.githubusercontent.com"))
        #expect(!issuer.matches("https://token.actions.githubusercontent.com.evil"))
        guard case .provenance(_, let wanted) = policy.rules[3].requirement else {
            Issue.record("not provenance")
            return
        }
        #expect(wanted.builder == .exact("https://builder.example"))
    }

    @Test func refusesIncompleteSignersAndBadPatterns() {
        let cases: [(String, String)] = [
            ("  signatures:\n    - keyless: {subject: a}\n", "keyless needs a subject"),
            ("  signatures:\n    - name: x\n", "needs exactly one signer"),
            ("  signatures:\n    - key: a.pub\n      keyless: {subject: a, issuer: b}\n", "exactly one signer"),
            ("  signatures:\n    - keyless: {subjectRegExp: '(', issuer: b}\n", "is not a regular expression"),
            ("  signatures:\n    - key: a.pub\n      action: ignore\n", "fail or warn, not ignore"),
            (
                "  signatures:\n    - keyless: {subject: a, issuer: b}\n      insecureIgnoreTlog: true\n",
                "insecureIgnoreTlog is for key rules only"
            ),
            (
                "  provenance:\n    - key: a.pub\n      builder: a\n      builderRegExp: b\n",
                "give builder or builderRegExp, not both"
            ),
        ]
        for (text, expected) in cases {
            #expect(throws: PolicyError.self) { try parse(text) }
            do {
                _ = try parse(text)
            } catch {
                #expect(error.description.contains(expected), "\(error)")
            }
        }
    }

    @Test func insecureIgnoreTlogIsReadForKeyRules() throws {
        let document = try parse(
            "  signatures:\n    - key: a.pub\n      insecureIgnoreTlog: true\n    - key: b.pub\n"
                + "  provenance:\n    - key: a.pub\n      insecureIgnoreTlog: true\n")
        #expect(document.supplyChain?.rules.map(\.insecureIgnoreTlog) == [true, false, true])
    }

    @Test func unknownKeysAreDiagnostics() throws {
        let document = try parse("  signatures:\n    - key: a.pub\n      sujbect: x\n")
        #expect(document.diagnostics.map(\.description).contains { $0.contains("unknown field 'sujbect'") })
    }
}
