import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

/// The gate with a policy file: rules in order, exceptions and their limits, VEX and baseline hooks, audit.
@Suite("Gate with a policy")
struct GatePolicyTests {
    static let now = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01

    static func document(_ text: String) throws -> PolicyDocument {
        try PolicyParser.parse(Array(("apiVersion: drydock/v1\n" + text).utf8), path: "policy.yaml")
    }

    static func target(_ findings: [VulnerabilityFinding], name: String = "app (alpine 3.10.4)") -> DetectedTarget {
        DetectedTarget(name: name, kind: .osPackages, type: "alpine", findings: findings.map(Finding.vulnerability))
    }

    static let image = ArtifactMetadata(
        name: "registry.example.com/payments/api:1.2", type: "container_image", imageID: "sha256:abc",
        repoTags: ["registry.example.com/payments/api:1.2"],
        imageConfigJSON: Array(#"{"config":{"Labels":{"team":"payments","env":"prod"}}}"#.utf8))

    static let rules = """
        rules:
          - name: fixable-critical
            action: fail
            when: {severity: CRITICAL, fixable: true}
          - name: kev
            action: fail
            noExceptions: true
            when: {kev: true}
          - name: low-noise
            action: ignore
            when: {severity: [LOW, UNKNOWN]}
        """

    static func exceptions(_ items: String) -> String { "\nexceptions:\n" + items }

    static let scoped = """
          - id: CVE-2019-14697
            owner: team-payments
            reason: patched in our fork
            expires: 2025-06-01
            image: registry.example.com/payments/*
        """

    static let broad = """
          - id: CVE-2019-14697
            owner: team-payments
            reason: written for another image
            expires: 2025-06-01
        """

    @Test("the first matching rule decides; unmatched findings get defaultAction")
    func firstMatch() throws {
        let gate = Gate(
            policy: ScanPolicy(document: try Self.document(Self.rules)), artifact: Self.image, now: Self.now)
        let decided = gate.decide([
            Self.target([
                ModelFixtures.finding(id: "CVE-1"), ModelFixtures.finding(id: "CVE-2", fixedVersion: nil),
                ModelFixtures.finding(id: "CVE-3", severity: .low),
            ])
        ])
        let decisions = decided[0].findings.map(\.decision)
        #expect(decisions.map(\.action) == [.fail, .warn, .ignore])
        #expect(
            decisions[0].rule
                == DecisionRule(
                    source: .policy, id: "fixable-critical", description: "severity CRITICAL and a fix is available",
                    location: SourceLocation(file: "policy.yaml", line: 3)))
        #expect(decisions[1].rule.id == "defaultAction")
        let verdict = gate.verdict(decided)
        #expect(verdict.exitCode == 1 && verdict.outcome == "failed")
        #expect(verdict.reasons.map { "\($0.rule.id ?? "")×\($0.count)" } == ["fixable-critical×1"])
        #expect(verdict.policy?.digest == gate.policy.document?.digest)
    }

    @Test("a scoped exception overrides a failing rule in its image only")
    func scopedException() throws {
        let document = try Self.document(Self.rules + Self.exceptions(Self.scoped))
        let finding = ModelFixtures.finding()
        let inScope = Gate(policy: ScanPolicy(document: document), artifact: Self.image, now: Self.now)
        let decision = inScope.decide([Self.target([finding])])[0].findings[0].decision
        #expect(decision.action == .ignore)
        #expect(decision.rule.source == .exception && decision.rule.owner == "team-payments")
        #expect(decision.rule.expires == "2025-06-01" && decision.rule.location?.line == 14)
        #expect(decision.notes == ["overrides fail by fixable-critical (policy.yaml:3)"])
        var other = Self.image
        other.name = "registry.example.com/web/app:3"
        other.repoTags = [other.name]
        let outOfScope = Gate(policy: ScanPolicy(document: document), artifact: other, now: Self.now)
        let decided = outOfScope.decide([Self.target([finding])])
        #expect(decided[0].findings[0].decision.action == .fail)
        #expect(outOfScope.verdict(decided).exceptions.map(\.status) == [.stale])
    }

    @Test("the seed outage: a broad exception never lets a fixable CRITICAL through, but still quiets a warning")
    func broadException() throws {
        let document = try Self.document(Self.rules + Self.exceptions(Self.broad))
        let gate = Gate(policy: ScanPolicy(document: document), artifact: Self.image, now: Self.now)
        let fixable = ModelFixtures.finding()
        let unfixable = ModelFixtures.finding(fixedVersion: nil)
        let decided = gate.decide([Self.target([fixable]), Self.target([unfixable], name: "other")])
        let failing = decided[0].findings[0].decision
        #expect(failing.action == .fail && failing.rule.id == "fixable-critical")
        #expect(
            failing.notes == [
                "broad exception CVE-2019-14697 (policy.yaml:14) does not apply to a failing finding: "
                    + "scope it by purl, path or image"
            ])
        #expect(decided[1].findings[0].decision.action == .ignore)
        let report = try #require(gate.verdict(decided).exceptions.first)
        #expect(report.status == .applied && report.isBroad && report.applied == 1 && report.refused == 1)
    }

    @Test("noExceptions: even a scoped exception cannot override the rule")
    func noExceptions() throws {
        let document = try Self.document(Self.rules + Self.exceptions(Self.scoped))
        var kev = ModelFixtures.finding(fixedVersion: nil)
        kev.advisory.knownExploited = KnownExploited(dateAdded: "2024-01-02")
        let gate = Gate(policy: ScanPolicy(document: document), artifact: Self.image, now: Self.now)
        let decided = gate.decide([Self.target([kev])])
        #expect(decided[0].findings[0].decision.rule.id == "kev")
        #expect(decided[0].findings[0].decision.notes[0].contains("allows no exceptions"))
        #expect(gate.verdict(decided).exceptions.map(\.status) == [.refused])
    }

    @Test("an expired exception stops applying and says so")
    func expired() throws {
        let document = try Self.document(Self.rules + Self.exceptions(Self.scoped))
        let later = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01T00:00:00Z: the expiry instant
        let gate = Gate(policy: ScanPolicy(document: document), artifact: Self.image, now: later)
        let decided = gate.decide([Self.target([ModelFixtures.finding()])])
        let decision = decided[0].findings[0].decision
        #expect(decision.action == .fail)
        #expect(
            decision.notes == ["exception CVE-2019-14697 (policy.yaml:14) expired on 2025-06-01 and no longer applies"])
        #expect(gate.verdict(decided).exceptions.map(\.status) == [.expired])
    }

    @Test("audit mode: the same decisions and reasons, exit code 0, outcome 'would fail'; --mode wins")
    func audit() throws {
        let document = try Self.document("mode: audit\n" + Self.rules)
        let gate = Gate(policy: ScanPolicy(failureExitCode: 9, document: document), now: Self.now)
        let decided = gate.decide([Self.target([ModelFixtures.finding()])])
        let verdict = gate.verdict(decided)
        #expect(verdict.exitCode == 0 && verdict.mode == .audit && !verdict.passed)
        #expect(verdict.outcome == "would fail" && verdict.reasons.count == 1)
        let enforced = Gate(
            policy: ScanPolicy(failureExitCode: 9, document: document, modeOverride: .enforce), now: Self.now)
        #expect(enforced.verdict(enforced.decide([Self.target([ModelFixtures.finding()])])).exitCode == 9)
    }

    @Test("conditions on labels, baseline state and days since first seen (SLA)")
    func labelsAndBaseline() throws {
        struct Index: BaselineIndex {
            func state(for context: FindingContext) -> BaselineState? {
                context.finding.id == "CVE-OLD" ? BaselineState(status: .existing, firstSeen: "2024-12-20") : nil
            }
        }
        let document = try Self.document(
            """
            rules:
              - name: sla
                action: fail
                when: {severity: HIGH, openDays: "> 7", labels: {env: prod}}
              - name: new-high
                action: fail
                when: {severity: HIGH, baseline: new}
            """)
        let gate = Gate(policy: ScanPolicy(document: document), artifact: Self.image, baseline: Index(), now: Self.now)
        let decided = gate.decide([
            Self.target([
                ModelFixtures.finding(id: "CVE-OLD", severity: .high),
                ModelFixtures.finding(id: "CVE-NEW", severity: .high),
            ])
        ])
        #expect(decided[0].findings.map { $0.decision.rule.id ?? "" } == ["sla", "new-high"])
        #expect(decided[0].findings[0].decision.baseline?.firstSeen == "2024-12-20")
        let facts = gate.facts(
            FindingContext(decided[0].findings[0].finding, in: decided[0].detected, artifact: Self.image),
            baseline: decided[0].findings[0].decision.baseline)
        #expect(facts.openDays == 12 && facts.labels["team"] == "payments" && facts.cvss == 9.8)
    }

    @Test("VEX: not_affected and fixed set findings aside, other statuses are recorded and the rules decide")
    func vex() throws {
        struct Statements: VEXAssessor {
            func assessment(for context: FindingContext) -> VEXAssessment? {
                let status = context.finding.id == "CVE-1" ? "not_affected" : "under_investigation"
                return VEXAssessment(
                    status: status, justification: status == "not_affected" ? "vulnerable_code_not_present" : nil,
                    location: SourceLocation(file: "vex.json", line: 7))
            }
        }
        for document in [nil, try Self.document(Self.rules)] {
            let gate = Gate(
                policy: ScanPolicy(failureExitCode: 1, document: document), vex: Statements(), now: Self.now)
            let decided = gate.decide([
                Self.target([ModelFixtures.finding(id: "CVE-1"), ModelFixtures.finding(id: "CVE-2")])
            ])
            let first = decided[0].findings[0].decision
            #expect(first.action == .ignore && first.rule.source == .vex)
            #expect(first.rule.description == "VEX: not_affected (vulnerable_code_not_present)")
            let second = decided[0].findings[1].decision
            #expect(second.action == .fail && second.vex?.status == "under_investigation")
        }
    }
}
