import DrydockModel
import DrydockPolicy

// The table section of a misconfiguration target (a small separate piece; the report-format work owns
// the table writer and may fold it in).
extension TableReport {
    /// `Tests: 27 (SUCCESSES: 26, FAILURES: 1)`, the severity counts, then each failure with its place.
    func misconfigurationSection(_ target: DecidedTarget) -> String {
        let failures = target.reported.compactMap(\.finding.misconfiguration).filter { $0.status == .fail }
        let title = "\(target.name) (\(target.type))"
        var out = "\n\(title)\n\(String(repeating: "=", count: title.count))\n"
        out +=
            "Tests: \(target.passedChecks + failures.count) (SUCCESSES: \(target.passedChecks), FAILURES: \(failures.count))\n"
        let counts = Severity.allCases.map { severity in
            "\(severity.rawValue): \(failures.filter { $0.severity == severity }.count)"
        }
        out += "Failures: \(failures.count) (\(counts.joined(separator: ", ")))\n"
        for finding in failures {
            let severity =
                colour
                ? TableReport.colourSeverity(column: 2, text: finding.severity.rawValue) : finding.severity.rawValue
            out += "\n\(finding.id) (\(severity)): \(finding.message)\n"
            out += String(repeating: "═", count: 60) + "\n"
            out += "\(finding.description)\n\nSee \(finding.primaryURL ?? finding.references.first ?? "")\n"
            out += String(repeating: "─", count: 60) + "\n"
            if let start = finding.cause.startLine {
                let end = finding.cause.endLine ?? start
                out += " \(finding.filePath):\(start == end ? "\(start)" : "\(start)-\(end)")\n"
                out += String(repeating: "─", count: 60) + "\n"
                for line in finding.cause.code.lines {
                    let number = String(line.number)
                    let padded = String(repeating: " ", count: max(0, 4 - number.count)) + number
                    out += line.truncated ? "  ...\n" : "\(padded)   \(line.content)\n"
                }
                out += String(repeating: "─", count: 60) + "\n"
            }
        }
        return out
    }
}
