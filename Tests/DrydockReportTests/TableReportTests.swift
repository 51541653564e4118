import DrydockMatch
import DrydockModel
import DrydockTestSupport
import Testing

@testable import DrydockReport

@Suite("Table report")
struct TableReportTests {
    @Test("a target section has a title, severity counts and one row per finding")
    func section() {
        let text = TableReport(colour: false, width: 160).render(
            ReportFixtures.report(findings: [
                ModelFixtures.finding(id: "CVE-2019-14697", severity: .critical),
                ModelFixtures.finding(id: "CVE-2020-0001", severity: .low, fixedVersion: nil),
            ]))
        #expect(text.contains("alpine-310.tar.gz (alpine 3.10.4)\n================================="))
        #expect(text.contains("Total: 2 (UNKNOWN: 0, LOW: 1, MEDIUM: 0, HIGH: 0, CRITICAL: 1)"))
        #expect(text.contains("│ musl    │ CVE-2019-14697 │ CRITICAL │ fixed    │ 1.1.22-r2"))
        #expect(text.contains("│         │ CVE-2020-0001  │ LOW      │ affected │"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test("severity is coloured only when asked")
    func colour() {
        let text = TableReport(colour: true).render(ReportFixtures.report())
        #expect(text.contains("\u{1B}[31mCRITICAL\u{1B}[0m"))
    }

    @Test("an uncovered release says its packages were not checked")
    func uncovered() {
        let text = TableReport(colour: false).render(
            ReportFixtures.report(findings: [], coverage: TargetCoverage(uncoveredNamespaces: ["Alpine:v3.12"])))
        #expect(text.contains("Total: 0"))
        #expect(text.contains("Not checked: the vulnerability DB has no advisories for Alpine:v3.12"))
    }

    @Test("unmatchable packages are listed with the reason")
    func unmatchable() {
        let coverage = TargetCoverage(
            namespaces: ["Alpine:v3.10"],
            unmatchable: [UnmatchablePackage(packageID: "odd@x", reason: "version cannot be compared")])
        let text = TableReport(colour: false).render(ReportFixtures.report(findings: [], coverage: coverage))
        #expect(text.contains("  - odd@x: version cannot be compared"))
    }
}
