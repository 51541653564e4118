import DrydockModel
import DrydockPolicy
import Foundation
import Testing

@testable import DrydockReport

@Suite("Table for terminals and CI logs")
struct TableLayoutTests {
    let report = AllKindsFixture.report()

    @Test("80 columns: every line fits, every kind of result has its section (snapshot)")
    func eightyColumns() throws {
        let text = TableReport(colour: false, width: 80, dependencyTree: true).render(report)
        // The DB line alone is kept whole so its digest can be copied.
        for line in text.split(separator: "\n") where !line.hasPrefix("Vulnerability DB: ") {
            #expect(line.count <= 80, "too wide (\(line.count)): \(line)")
        }
        try Snapshot.check(text, named: "table-80.txt")
    }

    @Test("an advisory without a title shows the first sentence of its description")
    func untitled() {
        let text = TableReport(colour: false, width: 300, modes: [.detailed]).render(report)
        #expect(text.contains("Spring Framework RCE via Data Binding on JDK 9+."))
        #expect(!text.contains("may be vulnerable to remote code execution"))
        let sentence = FindingText.firstSentence("## Impact\n\nThe `x` function, e.g. in v1, leaks keys. Upgrade now.")
        #expect(sentence == "The `x` function, e.g. in v1, leaks keys.")
    }

    @Test("--table-mode summary shows the summary table only; detailed only the sections")
    func modes() {
        let summary = TableReport(colour: false, modes: [.summary]).render(report)
        #expect(summary.contains("Report Summary"))
        #expect(summary.contains("Legend:"))
        #expect(!summary.contains("Dependency Origin Tree"))
        #expect(!summary.contains("CVE-2019-1549"))
        let detailed = TableReport(colour: false, modes: [.detailed]).render(report)
        #expect(!detailed.contains("Report Summary"))
        #expect(detailed.contains("CVE-2019-1549"))
    }

    @Test("the summary counts each kind where it applies and shows '-' elsewhere")
    func summaryCounts() {
        let text = TableReport(colour: false, width: 200, modes: [.summary]).render(report)
        let row = text.split(separator: "\n").first { $0.contains("│ Dockerfile") }
        #expect(row.map { $0.replacingOccurrences(of: " ", with: "") } == "│Dockerfile│dockerfile│-│1│-│-│")
    }

    @Test("--dependency-tree shows the chain from the vulnerable package to the direct dependency")
    func dependencyTree() {
        let text = TableReport(colour: false, width: 120, modes: [.detailed], dependencyTree: true).render(report)
        #expect(
            text.contains(
                """
                Dependency Origin Tree (Reversed)
                =================================
                app/package-lock.json
                └── qs@6.7.0, (HIGH: 1)
                    └── body-parser@1.19.0
                        └── express@4.17.1
                """), "\(text)")
        let without = TableReport(colour: false, width: 120, modes: [.detailed]).render(report)
        #expect(!without.contains("Dependency Origin Tree"))
    }

    @Test("colour only when asked, and then on severities")
    func colour() {
        #expect(!TableReport(colour: false).render(report).contains("\u{1B}["))
        let coloured = TableReport(colour: true).render(report)
        #expect(coloured.contains("\u{1B}[31mCRITICAL\u{1B}[0m"))
    }

    @Test("wrapping keeps words whole and cuts only words longer than the column")
    func wrap() {
        #expect(
            TextTable.wrap("openssl: information disclosure in fork()", to: 12) == [
                "openssl:", "information", "disclosure", "in fork()",
            ])
        #expect(TextTable.wrap("sha256:0123456789", to: 8) == ["sha256:", "01234567", "89"])
        #expect(TextTable.wrap("GHSA-wxyz-1234-abcd", to: 14) == ["GHSA-wxyz-", "1234-abcd"])
    }
}
