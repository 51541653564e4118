import DrydockModel
import DrydockPolicy
import Testing

/// Misconfiguration findings in the gate: inline ignore comments and passed checks.
@Suite struct InlineIgnoreGateTests {
    static func finding(ignore: InlineIgnore?, status: MisconfigurationFinding.Status = .fail) -> Finding {
        .misconfiguration(
            MisconfigurationFinding(
                fileType: "dockerfile", filePath: "Dockerfile", id: "DS-0002", aliases: ["DS002"],
                title: "Image user should not be 'root'", description: "", message: "m", resolution: "",
                severity: .high, status: status, inlineIgnore: ignore))
    }

    let gate = Gate(policy: ScanPolicy(failureExitCode: 1))

    @Test func anInlineCommentIgnoresWithItsLocation() {
        let decision = gate.decide(Self.finding(ignore: InlineIgnore(rule: "DS002", file: "app/Dockerfile", line: 3)))
        #expect(decision.action == .ignore)
        #expect(decision.rule.source == .inline)
        #expect(decision.rule.id == "DS002")
        #expect(decision.rule.location == SourceLocation(file: "app/Dockerfile", line: 3))
    }

    @Test func anExpiredCommentNoLongerIgnores() {
        let expired = InlineIgnore(rule: "DS-0002", file: "Dockerfile", line: 1, expires: "2001-01-01")
        #expect(gate.decide(Self.finding(ignore: expired)).action == .fail)
        let current = InlineIgnore(rule: "DS-0002", file: "Dockerfile", line: 1, expires: "2999-12-31")
        #expect(gate.decide(Self.finding(ignore: current)).action == .ignore)
    }

    @Test func aCommentStopsApplyingOnItsExpiryDay() {
        // Trivy reads `exp:` as 00:00 UTC of the day, as `.trivyignore` entries are read.
        let comment = InlineIgnore(rule: "DS-0002", file: "Dockerfile", line: 1, expires: "2030-01-31")
        #expect(!comment.hasExpired(on: "2030-01-30"))
        #expect(comment.hasExpired(on: "2030-01-31"))
    }

    @Test func anUnreadableExpiryCountsAsExpiredWithItsFileAndLine() {
        for date in ["2999-02-30", "tomorrow", "2999-1-1", "29991231"] {
            let comment = InlineIgnore(rule: "DS-0002", file: "app/Dockerfile", line: 7, expires: date)
            #expect(!comment.hasReadableExpiry)
            #expect(comment.hasExpired(on: "2000-01-01"))
            let decision = gate.decide(Self.finding(ignore: comment))
            #expect(decision.action == .fail)
            #expect(decision.notes.contains { $0.contains("app/Dockerfile:7") && $0.contains("exp:\(date)") })
        }
        #expect(InlineIgnore(rule: "DS-0002", file: "Dockerfile", line: 1).hasReadableExpiry)
    }

    @Test func passedChecksNeverFailTheGate() {
        let decision = gate.decide(Self.finding(ignore: nil, status: .pass))
        #expect(decision.action == .warn)
        #expect(gate.decide(Self.finding(ignore: nil)).action == .fail)
    }
}
