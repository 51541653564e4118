import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Testing

/// The policy can fail the gate on incomplete coverage or an end-of-life release, not only on findings.
@Suite("Gate on coverage and end of life")
struct CoverageGateTests {
    static let eol = ReleaseSupport(
        lifecycle: ReleaseLifecycle(id: "alpine", release: "3.10", standardEnd: "2021-05-01"), phase: .endOfLife,
        day: "2026-11-23")

    static func coverage(_ state: OSCoverageState, support: ReleaseSupport? = nil, unchecked: Int = 0)
        -> ScanCoverage
    {
        ScanCoverage(
            operatingSystem: OperatingSystem(family: .alpine, version: "3.10.4", id: "alpine"), osState: state,
            osNamespace: "Alpine:v3.10", support: support,
            uncheckedByReason: unchecked > 0 ? [.unparseableVersion: unchecked] : [:])
    }

    @Test(
        "coverage failures only when the policy asks, with --exit-code or 1",
        arguments: [
            (false, false, Int32(0), OSCoverageState.noAdvisories, 0, 0, Int32(0)),
            (true, false, Int32(0), OSCoverageState.noAdvisories, 0, 1, Int32(1)),
            (true, false, Int32(9), OSCoverageState.unsupported, 0, 1, Int32(9)),
            (true, false, Int32(0), OSCoverageState.covered, 0, 0, Int32(0)),
            (true, false, Int32(0), OSCoverageState.covered, 2, 1, Int32(1)),
            (true, false, Int32(0), OSCoverageState.notDetected, 2, 2, Int32(1)),
            (false, true, Int32(0), OSCoverageState.covered, 0, 1, Int32(1)),
            (true, true, Int32(5), OSCoverageState.noAdvisories, 0, 2, Int32(5)),
        ])
    func failures(
        uncovered: Bool, eol: Bool, exitCode: Int32, state: OSCoverageState, unchecked: Int, failures: Int,
        expectedCode: Int32
    ) {
        let gate = Gate(
            policy: ScanPolicy(failureExitCode: exitCode, failOnIncompleteCoverage: uncovered, failOnEndOfLife: eol))
        let verdict = gate.verdict([], coverage: Self.coverage(state, support: Self.eol, unchecked: unchecked))
        #expect(verdict.coverageFailures.count == failures)
        #expect(verdict.exitCode == expectedCode)
        #expect(verdict.passed == (failures == 0))
    }

    @Test("the failures name the flag and the reason")
    func wording() {
        let gate = Gate(policy: ScanPolicy(failOnIncompleteCoverage: true, failOnEndOfLife: true))
        let reasons = gate.coverageFailures(Self.coverage(.noAdvisories, support: Self.eol, unchecked: 1))
        #expect(
            reasons == [
                "--fail-on-uncovered: alpine 3.10.4: the vulnerability DB has no advisories for Alpine:v3.10; "
                    + "its packages were NOT checked (unknown, not clean)",
                "--fail-on-uncovered: 1 package(s) not checked: version cannot be parsed or compared",
                "--fail-on-eol: alpine 3.10 is end of life since 2021-05-01: its packages get no more fixes",
            ])
    }

    @Test("a supported release does not fail --fail-on-eol")
    func supported() {
        let gate = Gate(policy: ScanPolicy(failOnEndOfLife: true))
        var support = Self.eol
        support.phase = .extended
        #expect(gate.verdict([], coverage: Self.coverage(.covered, support: support)).passed)
        #expect(gate.verdict([], coverage: Self.coverage(.covered)).passed)
    }
}
