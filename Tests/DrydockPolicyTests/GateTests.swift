import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Testing

@Suite("Gate decisions")
struct GateTests {
    @Test("a finding below --severity is ignored, naming the rule")
    func severityFilter() {
        let gate = Gate(policy: ScanPolicy(severities: [.high, .critical], failureExitCode: 1))
        let decision = gate.decide(.vulnerability(ModelFixtures.finding(severity: .medium)))
        #expect(decision.action == .ignore)
        #expect(
            decision.rule
                == DecisionRule(source: .flag, description: "severity MEDIUM is not in --severity HIGH,CRITICAL"))
        #expect(!decision.isReported)
    }

    @Test("--ignore-unfixed sets aside findings with no fixed version only")
    func ignoreUnfixed() {
        let gate = Gate(policy: ScanPolicy(ignoreUnfixed: true))
        #expect(!gate.decide(.vulnerability(ModelFixtures.finding(fixedVersion: nil))).isReported)
        #expect(gate.decide(.vulnerability(ModelFixtures.finding(fixedVersion: "1.1.22-r3"))).isReported)
    }

    @Test(
        "--ignore-status sets aside findings with those vendor statuses, naming the rule, and wins over --ignore-unfixed"
    )
    func ignoreStatus() {
        let policy = ScanPolicy(
            ignoreUnfixed: true, ignoreStatuses: [.willNotFix, .underInvestigation], failureExitCode: 1)
        let gate = Gate(policy: policy)
        var finding = ModelFixtures.finding(fixedVersion: nil)
        finding.status = .willNotFix
        #expect(gate.decide(.vulnerability(finding)) == .ignore("status will_not_fix is in --ignore-status"))
        // As in Trivy, --ignore-unfixed is not used once --ignore-status is given: fix_deferred stays reported.
        finding.status = .fixDeferred
        #expect(gate.decide(.vulnerability(finding)).isReported)
        let unfixedOnly = Gate(policy: ScanPolicy(ignoreUnfixed: true))
        #expect(!unfixedOnly.decide(.vulnerability(finding)).isReported)
    }

    @Test(
        "reported findings fail only when --exit-code is set",
        arguments: [(Int32(0), false), (Int32(1), true), (Int32(42), true)])
    func exitCode(code: Int32, fails: Bool) {
        let gate = Gate(policy: ScanPolicy(failureExitCode: code))
        let decision = gate.decide(.vulnerability(ModelFixtures.finding()))
        #expect((decision.action == .fail) == fails)
    }

    @Test("the verdict's exit code comes from the decisions alone")
    func verdict() {
        let gate = Gate(policy: ScanPolicy(severities: [.critical], failureExitCode: 7))
        let target = InventoryTarget(kind: .osPackages, name: "img (alpine 3.10.4)", type: "alpine", packages: [])
        let result = MatchResult(targets: [
            TargetMatch(
                target: target,
                findings: [
                    ModelFixtures.finding(severity: .low), ModelFixtures.finding(id: "CVE-1", severity: .critical),
                ],
                coverage: TargetCoverage())
        ])
        let decided = gate.decide(result)
        #expect(decided[0].reportedVulnerabilities.map(\.vulnerabilityID) == ["CVE-1"])
        let verdict = gate.verdict(decided)
        #expect(verdict.failingCount == 1 && verdict.exitCode == 7 && verdict.outcome == "failed")
        #expect(verdict.reasons.map(\.count) == [1] && verdict.reasons[0].rule.source == .flag)
        let passing = Gate(policy: ScanPolicy(severities: [.high], failureExitCode: 7))
        #expect(passing.verdict(passing.decide(result)).exitCode == 0)
    }
}
