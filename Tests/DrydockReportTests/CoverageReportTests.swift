import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Testing

@testable import DrydockReport

/// The coverage section and end-of-life flags in the table and JSON reports.
@Suite("Coverage in reports")
struct CoverageReportTests {
    static let eol = ReleaseSupport(
        lifecycle: ReleaseLifecycle(id: "alpine", release: "3.10", standardEnd: "2021-05-01"), phase: .endOfLife,
        day: "2026-11-23")

    static func report(_ coverage: ScanCoverage, warnings: [String] = [], policy: ScanPolicy = ScanPolicy())
        -> ScanReport
    {
        var report = ReportFixtures.report(findings: [])
        report.coverage = coverage
        report.warnings = warnings.map { ScanWarning($0) }
        report.verdict = Gate(policy: policy).verdict(report.targets, coverage: coverage)
        return report
    }

    static func coverage(_ state: OSCoverageState, support: ReleaseSupport? = eol) -> ScanCoverage {
        ScanCoverage(
            operatingSystem: OperatingSystem(family: .alpine, version: "3.10.4", id: "alpine"), osState: state,
            osNamespace: "Alpine:v3.10", support: support)
    }

    @Test("the table opens with the OS, its advisories, its support and the EOL warning line")
    func tableEndOfLife() {
        let summary = Self.eol.summary ?? ""
        let text = TableReport(colour: false, width: 200).render(
            Self.report(Self.coverage(.covered), warnings: [summary]))
        #expect(text.hasPrefix("Coverage\n========\nOS: alpine 3.10.4: advisories for Alpine:v3.10 are in the DB\n"))
        #expect(text.contains("Support: alpine 3.10 is end of life since 2021-05-01: its packages get no more fixes\n"))
        #expect(text.contains("WARNING: alpine 3.10 is end of life since 2021-05-01: its packages get no more fixes"))
        #expect(text.contains("Every package was checked"))
    }

    @Test(
        "a release without advisories, an unsupported or undetected OS is never just 'no vulnerabilities'",
        arguments: [OSCoverageState.noAdvisories, .unsupported, .notDetected])
    func tableIncomplete(state: OSCoverageState) {
        let text = TableReport(colour: false, width: 200).render(
            Self.report(Self.coverage(state), policy: ScanPolicy(failOnIncompleteCoverage: true)))
        #expect(text.contains("NOT checked (unknown, not clean)"))
        #expect(!text.contains("Every package was checked"))
        #expect(text.contains("Gate failed: --fail-on-uncovered:"))
    }

    @Test("JSON: Metadata.OS.EOSL is true only for an end-of-life release; Drydock.Coverage carries the section")
    func json() throws {
        let eolDocument = TrivyJSONReport().document(Self.report(Self.coverage(.covered)))
        #expect(eolDocument["Metadata"]?["OS"]?["EOSL"] == .bool(true))
        let coverage = try #require(eolDocument["Drydock"]?["Coverage"])
        #expect(coverage["Complete"] == .bool(true))
        #expect(coverage["OS"]?["State"] == .string("covered"))
        #expect(coverage["OS"]?["AdvisoriesInDB"] == .bool(true))
        #expect(coverage["OS"]?["Namespace"] == .string("Alpine:v3.10"))
        #expect(coverage["Support"]?["Phase"] == .string("end-of-life"))
        #expect(coverage["Support"]?["StandardEnd"] == .string("2021-05-01"))

        var supported = Self.eol
        supported.phase = .standard
        let fresh = TrivyJSONReport().document(Self.report(Self.coverage(.noAdvisories, support: supported)))
        #expect(fresh["Metadata"]?["OS"]?["EOSL"] == nil)
        #expect(fresh["Metadata"]?["OS"]?["Family"] == .string("alpine"))
        #expect(fresh["Drydock"]?["Coverage"]?["Complete"] == .bool(false))
        #expect(fresh["Drydock"]?["Coverage"]?["OS"]?["AdvisoriesInDB"] == .bool(false))
    }

    @Test("JSON lists the gate's coverage failures and unchecked counts by reason")
    func jsonFailures() {
        var coverage = Self.coverage(.covered)
        coverage.uncheckedByReason = [.unparseableVersion: 2]
        let document = TrivyJSONReport().document(
            Self.report(coverage, policy: ScanPolicy(failOnIncompleteCoverage: true, failOnEndOfLife: true)))
        #expect(document["Drydock"]?["Coverage"]?["Unchecked"]?["unparseable-version"] == .int(2))
        #expect(document["Drydock"]?["Verdict"]?["Passed"] == .bool(false))
        #expect(document["Drydock"]?["Verdict"]?["ExitCode"] == .int(1))
        guard case .array(let failures)? = document["Drydock"]?["GateFailures"] else {
            Issue.record("GateFailures missing")
            return
        }
        #expect(failures.count == 2)
    }
}
