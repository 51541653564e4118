import DrydockModel
import Testing

@Suite struct WarningSummaryTests {
    static func link(_ index: Int) -> ScanWarning {
        ScanWarning(
            kind: .linkTargetMissing, path: "usr/lib/x\(index)", message: "links to y\(index), which is missing")
    }

    @Test func kindsMetAtMostThresholdTimesAreListedInFull() {
        let warnings = [Self.link(1), ScanWarning("the DB is old"), Self.link(2)]
        #expect(
            WarningSummary(warnings).lines()
                == [
                    "usr/lib/x1: links to y1, which is missing", "usr/lib/x2: links to y2, which is missing",
                    "the DB is old",
                ])
    }

    @Test func repeatedKindsBecomeOneLineWithTheFirstPaths() {
        let skipped = (1...3).map {
            ScanWarning(kind: .recordSkipped, path: "var/lib/dpkg/status", line: $0, message: "bad stanza")
        }
        let warnings = (1...5).map(Self.link) + skipped + [ScanWarning("the DB is old"), ScanWarning("the DB is old")]
        let summary = WarningSummary(warnings)
        #expect(summary.counts == [.linkTargetMissing: 5, .recordSkipped: 3, .general: 2])
        #expect(
            summary.lines(hint: "all with --debug") == [
                "5 links to missing files: usr/lib/x1, usr/lib/x2, usr/lib/x3, … (all with --debug)",
                "var/lib/dpkg/status:1: bad stanza", "var/lib/dpkg/status:2: bad stanza",
                "var/lib/dpkg/status:3: bad stanza", "the DB is old", "the DB is old",
            ])
        let tight = WarningSummary(warnings, threshold: 2, examples: 2)
        #expect(tight.lines()[1] == "3 records or entries skipped: var/lib/dpkg/status")
        #expect(tight.lines()[0] == "5 links to missing files: usr/lib/x1, usr/lib/x2, …")
    }

    @Test func descriptionsNameThePathAndLine() {
        #expect(ScanWarning(kind: .fileTooLarge, path: "a", line: 3, message: "m").description == "a:3: m")
        #expect(ScanWarning(kind: .fileTooLarge, path: "a", message: "m").description == "a: m")
        #expect(ScanWarning("m").description == "m")
        #expect(ScanWarning.Kind.fileTooLarge.rawValue == "file-too-large")
    }
}
