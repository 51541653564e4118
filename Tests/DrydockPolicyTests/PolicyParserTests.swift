import DrydockModel
import DrydockPolicy
import Foundation
import Testing

/// The policy file format (`docs/policy.md`): every rule, exception and condition keeps its line.
@Suite("Policy files")
struct PolicyParserTests {
    static func parse(_ text: String) throws -> PolicyDocument {
        try PolicyParser.parse(Array(text.utf8), path: "policy.yaml")
    }

    static let sample = """
        apiVersion: drydock/v1
        mode: audit
        defaultAction: warn
        rules:
          - name: known-exploited
            action: fail
            noExceptions: true
            when:
              kev: true
          - name: critical-sla
            description: CRITICAL open more than 7 days
            action: fail
            when:
              severity: ">= CRITICAL"
              openDays: "> 7"
          - name: noisy
            action: ignore
            when:
              severity: [LOW, UNKNOWN]
              kind: vuln
              labels: {team: "payments-*"}
              purl: pkg:apk/alpine/musl
              cvss: [">= 1", "< 4.0"]
        exceptions:
          - id: [CVE-2024-0001, GHSA-xxxx-yyyy-zzzz]
            owner: team-payments
            reason: not reachable from our code
            expires: 2025-03-01
            image: registry.example.com/payments/*
        """

    @Test("a full policy: mode, rules in order with their lines, conditions, exceptions")
    func sample() throws {
        let document = try Self.parse(Self.sample)
        #expect(document.mode == .audit)
        #expect(document.rules.map(\.name) == ["known-exploited", "critical-sla", "noisy"])
        #expect(document.rules.map(\.location.line) == [5, 10, 16])
        #expect(document.rules[0].noExceptions)
        #expect(document.rules[1].conditions.map(\.location.line) == [14, 15])
        #expect(document.rules[1].summary == "severity CRITICAL and open days > 7")
        #expect(document.rules[1].decisionRule.description == "CRITICAL open more than 7 days")
        let noisy = document.rules[2].conditions.map(\.condition)
        #expect(noisy[0] == .severity([.low, .unknown]))
        #expect(noisy[1] == .kind([.vulnerability]))
        #expect(noisy[4].summary == "cvss >= 1 and < 4.0")
        let exception = try #require(document.exceptions.first)
        #expect(exception.ids == ["CVE-2024-0001", "GHSA-xxxx-yyyy-zzzz"])
        #expect(exception.location.line == 25)
        #expect(!exception.isBroad)
        #expect(exception.expires == Date(timeIntervalSince1970: 1_740_787_200))
        #expect(document.diagnostics.isEmpty)
        #expect(document.digest.hasPrefix("sha256:") && document.digest.count == 71)
    }

    @Test("unknown fields are diagnostics with their line; a rule with an unknown condition never matches")
    func unknownFields() throws {
        let document = try Self.parse(
            """
            apiVersion: drydock/v1
            colour: blue
            rules:
              - name: typo
                action: ignore
                when:
                  sevrity: LOW
            """)
        #expect(document.diagnostics.map(\.location.line) == [2, 7])
        #expect(document.diagnostics.allSatisfy { $0.kind == .unknownField })
        #expect(document.diagnostics[1].message.contains("never matches"))
        #expect(document.rules[0].unknownConditions == ["sevrity"])
        #expect(document.rules[0].conditions.isEmpty)
    }

    @Test(
        "values that cannot be used are errors naming the line",
        arguments: [
            ("rules:\n  - action: fail\n", "policy.yaml:1: no apiVersion"),
            ("apiVersion: drydock/v9\n", "policy.yaml:1: apiVersion 'drydock/v9' is not supported"),
            ("apiVersion: drydock/v1\nrules:\n  - name: a\n    action: block\n", "policy.yaml:4: action 'block'"),
            ("apiVersion: drydock/v1\nrules:\n  - name: a\n", "policy.yaml:3: rule 'a' has no action"),
            (
                "apiVersion: drydock/v1\nrules:\n  - action: fail\n    when:\n      severity: SEVERE\n",
                "policy.yaml:5: severity 'SEVERE'"
            ),
            (
                "apiVersion: drydock/v1\nrules:\n  - action: fail\n    when:\n      cvss: 7\n",
                "policy.yaml:5: cvss '7': expected a comparison"
            ),
            (
                "apiVersion: drydock/v1\nexceptions:\n  - id: CVE-1\n    owner: me\n",
                "policy.yaml:3: an exception needs id, owner, reason and expires; missing: reason, expires"
            ),
            (
                "apiVersion: drydock/v1\nexceptions:\n  - id: CVE-1\n    owner: me\n    reason: r\n    expires: someday\n",
                "policy.yaml:6: expires 'someday'"
            ),
            ("apiVersion: drydock/v1\nmode: relaxed\n", "policy.yaml:2: mode 'relaxed'"),
            (
                "apiVersion: drydock/v1\nmode: audit\nmode: enforce\n",
                "policy.yaml:2: invalid YAML: key 'mode' given twice"
            ),
            ("", "policy.yaml:1: the policy is empty"),
        ])
    func errors(text: String, message: String) {
        #expect {
            try Self.parse(text)
        } throws: { error in
            let description = (error as? PolicyError)?.description ?? "\(error)"
            return description.hasPrefix(message)
        }
    }

    @Test("the built-in default policy parses and fails on fixable CRITICAL only")
    func builtIn() throws {
        let document = BuiltInPolicy.document
        #expect(document.isBuiltIn)
        #expect(document.diagnostics.isEmpty)
        #expect(document.rules.map(\.name) == ["fixable-critical"])
        #expect(document.rules[0].conditions.map(\.condition) == [.severity([.critical]), .fixable(true)])
        #expect(document.defaultAction == .warn)
        #expect(PolicyLinter().lint(document).isEmpty)
    }
}
