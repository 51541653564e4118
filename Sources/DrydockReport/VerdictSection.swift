import DrydockPolicy

/// The gate's verdict as reports show it: the `Drydock.Verdict` object of the JSON report and the lines that
/// end the table report.
enum VerdictSection {
    /// `Passed`, `Outcome`, `Mode`, `FailingFindings`, `ExitCode`, then the reasons, policy and exceptions.
    static func json(_ verdict: Verdict) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Passed", .bool(verdict.passed))
        object.add("Outcome", .string(verdict.outcome))
        object.add("Mode", .string(verdict.mode.rawValue))
        object.add("FailingFindings", .int(Int64(verdict.failingCount)))
        object.add("ExitCode", .int(Int64(verdict.exitCode)))
        object.add(
            "Reasons",
            nonEmpty: .array(
                verdict.reasons.map { reason in
                    var entry = JSONObjectBuilder()
                    entry.add("Source", .string(reason.rule.source.rawValue))
                    entry.add("Rule", string: reason.rule.id)
                    entry.add("Description", .string(reason.rule.description))
                    entry.add("Location", string: reason.rule.location?.description)
                    entry.add("Findings", .int(Int64(reason.count)))
                    return entry.value
                }))
        if let policy = verdict.policy { object.add("Policy", source(policy)) }
        if let ignoreFile = verdict.ignoreFile { object.add("IgnoreFile", source(ignoreFile)) }
        object.add("Exceptions", nonEmpty: .array(verdict.exceptions.map(exception)))
        return object.value
    }

    private static func source(_ source: PolicySource) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Path", .string(source.path))
        object.add("Digest", string: source.digest)
        return object.value
    }

    private static func exception(_ report: ExceptionReport) -> JSONValue {
        let exception = report.exception
        var object = JSONObjectBuilder()
        object.add("IDs", .array(exception.ids.map(JSONValue.string)))
        object.add("Source", .string(exception.decisionRule.source.rawValue))
        object.add("Location", .string(exception.location.description))
        object.add("Owner", string: exception.owner)
        object.add("Reason", string: exception.reason)
        object.add("Expires", string: exception.decisionRule.expires)
        object.add("Status", .string(report.status.rawValue))
        if report.isBroad { object.add("Broad", .bool(true)) }
        object.add("Matched", .int(Int64(report.matched)))
        object.add("Applied", .int(Int64(report.applied)))
        if report.refused > 0 { object.add("Refused", .int(Int64(report.refused))) }
        return object.value
    }

    /// The table's closing lines: the verdict, the rules that failed findings, and exceptions worth a look.
    static func table(_ verdict: Verdict, reported: Int) -> String {
        var out = "\nVerdict\n=======\n"
        let findings = verdict.failingCount == 1 ? "1 finding" : "\(verdict.failingCount) findings"
        let verb = verdict.failingCount == 1 ? "fails" : "fail"
        switch (verdict.passed, verdict.mode) {
        case (true, _):
            out += "PASSED (exit code \(verdict.exitCode))"
            if reported > 0 {
                out += ": \(reported) finding(s) reported, none fails the build"
                // Without a policy, passing with findings means no --exit-code was given.
                if verdict.policy == nil { out += " (no --exit-code or --policy)" }
            }
            out += "\n"
        case (false, .enforce):
            out += "FAILED (exit code \(verdict.exitCode))"
            out += verdict.failingCount > 0 ? ": \(findings) \(verb) the build\n" : "\n"
        case (false, .audit):
            out += "WOULD FAIL (audit mode: exit code \(verdict.exitCode), the build is not failed)"
            out += verdict.failingCount > 0 ? ": \(findings) would fail the build\n" : "\n"
        }
        for reason in verdict.reasons {
            var line = "  \(reason.count) × "
            if let id = reason.rule.id { line += "\(id) " }
            if let location = reason.rule.location { line += "(\(location)) " }
            line += reason.rule.description
            out += line + "\n"
        }
        for failure in verdict.coverageFailures { out += "  \(failure)\n" }
        let notable = verdict.exceptions.filter { $0.status != .applied || $0.isBroad || $0.refused > 0 }
        if !notable.isEmpty {
            out += "Exceptions:\n"
            for report in notable { out += "  \(report.summary)\n" }
        }
        return out
    }
}
