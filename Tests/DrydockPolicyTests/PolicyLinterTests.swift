import DrydockPolicy
import Foundation
import Testing

/// `policy lint`: shadowed rules by real condition subsumption, contradictions, exceptions.
@Suite("Policy lint")
struct PolicyLinterTests {
    static let now = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01

    /// The lint problems of a policy with `rules` (YAML list items), as `kind@line`.
    static func problems(_ rules: String, exceptions: String = "[]", maxExpiry: TimeInterval? = 90 * 86_400)
        throws -> [String]
    {
        let text = "apiVersion: drydock/v1\nrules:\n\(rules)\nexceptions: \(exceptions)\n"
        let document = try PolicyParser.parse(Array(text.utf8), path: "p.yaml")
        return PolicyLinter(maxExpiry: maxExpiry, now: now).lint(document).map {
            "\($0.kind.rawValue)@\($0.location.line ?? 0)"
        }
    }

    static func rule(_ name: String, _ action: String = "fail", _ when: String) -> String {
        "  - name: \(name)\n    action: \(action)\n    when: \(when)"
    }

    @Test(
        "shadowed: an earlier rule covers every finding the later one matches",
        arguments: [
            // Same condition.
            ("{severity: CRITICAL}", "{severity: CRITICAL, fixable: true}"),
            // A wider severity set.
            ("{severity: '>= HIGH'}", "{severity: CRITICAL}"),
            // Integer days: "> 7" is ">= 8".
            ("{openDays: '> 7'}", "{openDays: '>= 8', severity: HIGH}"),
            // Number ranges.
            ("{cvss: '>= 7'}", "{cvss: ['>= 9', '<= 10']}"),
            // A versionless purl covers a versioned one; purl implies the package type.
            ("{purl: 'pkg:apk/alpine/musl'}", "{purl: 'pkg:apk/alpine/musl@1.2.3'}"),
            ("{packageType: [apk, deb]}", "{purl: 'pkg:deb/debian/openssl'}"),
            // Patterns: a prefix glob covers a longer prefix, ** covers a subtree.
            ("{id: 'CVE-2023-*'}", "{id: [CVE-2023-1234, 'CVE-2023-5*']}"),
            ("{path: 'usr/lib/**'}", "{path: 'usr/lib/python3*/site-packages/**'}"),
            // A condition on a fact only vulnerabilities have implies kind vulnerability.
            ("{kind: vulnerability}", "{fixable: false}"),
            ("{kind: [vulnerability, license]}", "{packageName: openssl}"),
            // An empty condition list matches everything.
            ("{}", "{kev: true}"),
            // Every open-days value (they are never negative).
            ("{openDays: '>= 0'}", "{severity: LOW}"),
            // Labels: the earlier rule asks less.
            ("{labels: {env: 'dev*'}}", "{labels: {env: dev-eu, team: a}}"),
        ])
    func shadowed(earlier: String, later: String) throws {
        let problems = try Self.problems(Self.rule("a", "warn", earlier) + "\n" + Self.rule("b", "fail", later))
        #expect(problems == ["shadowed-rule@6"])
    }

    @Test(
        "not shadowed: some finding the later rule matches reaches it",
        arguments: [
            ("{severity: CRITICAL, fixable: true}", "{severity: CRITICAL}"),
            ("{openDays: '> 7'}", "{openDays: '>= 7'}"),
            ("{cvss: '> 7'}", "{cvss: '>= 7'}"),
            ("{cvss: '>= 7'}", "{severity: CRITICAL}"),  // a finding with no CVSS score is not matched by cvss
            ("{purl: 'pkg:apk/alpine/musl@1.2.3'}", "{purl: 'pkg:apk/alpine/musl'}"),
            ("{id: 'CVE-2023-*'}", "{id: 'CVE-*'}"),
            ("{path: 'usr/lib/*'}", "{path: 'usr/lib/**'}"),
            ("{kind: vulnerability}", "{severity: HIGH}"),
            ("{reachability: not-reachable}", "{kind: secret}"),
            ("{labels: {env: dev}}", "{image: 'dev/*'}"),
            ("{image: '**'}", "{severity: LOW}"),  // a directory scan has no image
        ])
    func notShadowed(earlier: String, later: String) throws {
        #expect(try Self.problems(Self.rule("a", "warn", earlier) + "\n" + Self.rule("b", "fail", later)).isEmpty)
    }

    @Test("shadowed by several earlier rules together")
    func unionShadow() throws {
        let rules = [
            Self.rule("crit", "fail", "{severity: CRITICAL}"), Self.rule("high", "warn", "{severity: HIGH}"),
            Self.rule("both", "ignore", "{severity: [HIGH, CRITICAL], fixable: true}"),
            Self.rule("fixable", "warn", "{fixable: true}"), Self.rule("unfixable", "warn", "{fixable: false}"),
            Self.rule("all-vulns", "ignore", "{kind: vuln}"),
        ]
        let problems = try Self.problems(rules.joined(separator: "\n"))
        #expect(problems == ["shadowed-rule@9", "shadowed-rule@18"])
        let text = "apiVersion: drydock/v1\nrules:\n\(rules.joined(separator: "\n"))\n"
        let document = try PolicyParser.parse(Array(text.utf8), path: "p.yaml")
        let messages = PolicyLinter(now: Self.now).lint(document).map(\.message)
        #expect(messages[0].contains("'crit' (p.yaml:3) and 'high' (p.yaml:6)"))
        #expect(messages[1].contains("'fixable' (p.yaml:12) and 'unfixable' (p.yaml:15)"))
    }

    @Test(
        "rules whose conditions contradict can never match",
        arguments: [
            "{cvss: ['> 9', '< 5']}", "{kind: secret, fixable: true}", "{kind: misconfiguration, cvss: '>= 1'}",
            "{kind: secret, purl: 'pkg:npm/x'}", "{severity: []}", "{openDays: '< 0'}",
            "{kind: license, reachability: reachable}",
        ])
    func neverMatches(when: String) throws {
        #expect(try Self.problems(Self.rule("a", "fail", when)) == ["never-matches@3"])
    }

    @Test("exceptions: broad, expiring too far away, expired; --max-expiry 0 allows any expiry")
    func exceptions() throws {
        let exceptions = """

              - id: CVE-1
                owner: a
                reason: r
                expires: 2025-02-01
                purl: pkg:apk/alpine/musl
              - id: CVE-2
                owner: a
                reason: r
                expires: 2025-02-01
              - id: CVE-3
                owner: a
                reason: r
                expires: 2026-01-01
                image: "**"
              - id: CVE-4
                owner: a
                reason: r
                expires: 2024-12-01
                path: app/**
            """
        let rules = Self.rule("a", "fail", "{severity: CRITICAL}")
        #expect(
            try Self.problems(rules, exceptions: exceptions) == [
                "broad-exception@12", "broad-exception@16", "expiry-too-far@16", "expired-exception@21",
            ])
        #expect(
            try Self.problems(rules, exceptions: exceptions, maxExpiry: nil) == [
                "broad-exception@12", "broad-exception@16", "expired-exception@21",
            ])
    }

    @Test("duplicate names and unknown fields are problems")
    func duplicatesAndUnknown() throws {
        let rules = Self.rule("a", "fail", "{severity: CRITICAL}") + "\n" + Self.rule("a", "warn", "{sevrity: LOW}")
        #expect(try Self.problems(rules) == ["duplicate-name@6", "unknown-field@8"])
    }
}
