import DrydockPolicy

extension TableReport {
    /// The table's closing lines: the verdict, the rules that failed findings (most findings first, each with
    /// where it is written), gate failures that are not findings, and the exceptions worth a look (expired,
    /// stale, refused, broad).
    func verdictSection(_ report: ScanReport) -> String {
        let verdict = report.verdict
        let reported = report.targets.map(\.reportedProblems.count).reduce(0, +)
        var out = heading("Verdict")
        let findings = verdict.failingCount == 1 ? "1 finding" : "\(verdict.failingCount) findings"
        let verb = verdict.failingCount == 1 ? "fails" : "fail"
        var line: String
        switch (verdict.passed, verdict.mode) {
        case (true, _):
            line = style.outcome("PASSED", passed: true) + " (exit code \(verdict.exitCode))"
            if reported > 0 {
                line += ": \(reported) finding(s) reported, none fails the build"
                // Without a policy, passing with findings means no --exit-code was given.
                if verdict.policy == nil { line += " (no --exit-code or --policy)" }
            }
        case (false, .enforce):
            line = style.outcome("FAILED", passed: false) + " (exit code \(verdict.exitCode))"
            if verdict.failingCount > 0 { line += ": \(findings) \(verb) the build" }
        case (false, .audit):
            line = style.outcome("WOULD FAIL", passed: false)
            line += " (audit mode: exit code \(verdict.exitCode), the build is not failed)"
            if verdict.failingCount > 0 { line += ": \(findings) would fail the build" }
        }
        // Continuations are indented deeper than the reasons below, so they do not read as one.
        out += hanging(line, indent: 4)
        for reason in verdict.reasons {
            var text = "\(reason.count) × "
            if let id = reason.rule.id { text += "\(id) " }
            if let location = reason.rule.location { text += "(\(location)) " }
            out += hanging(text + reason.rule.description, lead: 2, indent: 6)
        }
        for failure in verdict.coverageFailures { out += hanging(failure, lead: 2, indent: 4) }
        let notable = verdict.exceptions.filter { $0.status != .applied || $0.isBroad || $0.refused > 0 }
        if !notable.isEmpty {
            out += "Exceptions:\n"
            for exception in notable { out += hanging(exception.summary, lead: 2, indent: 4) }
        }
        return out
    }

    /// `text` after `lead` spaces, wrapped at spaces to the table's width, continuation lines indented by
    /// `indent`; ends with a newline. A word longer than a line is left whole (a path or ID stays copyable).
    private func hanging(_ text: String, lead: Int = 0, indent: Int) -> String {
        var lines: [String] = []
        var current = String(repeating: " ", count: lead)
        var empty = true
        for word in text.split(separator: " ") {
            if !empty, current.count + 1 + word.count > width {
                lines.append(current)
                current = String(repeating: " ", count: indent)
                empty = true
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(current)
        return lines.joined(separator: "\n") + "\n"
    }
}

extension TableStyle {
    /// The verdict's outcome word, green when passed and red otherwise on a terminal.
    func outcome(_ text: String, passed: Bool) -> String {
        colour ? "\u{1B}[1;\(passed ? 32 : 31)m\(text)\u{1B}[0m" : text
    }
}
