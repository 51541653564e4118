import DrydockModel
import DrydockPolicy

// The table of secret results, until the report writers' rework (the `reports` branch) replaces it: Trivy's
// layout, one block per secret with its masked lines.
extension TableReport {
    func secretSection(_ target: DecidedTarget) -> String {
        let findings = target.reported.compactMap(\.finding.secret)
        let title = "\(target.name) (secrets)"
        var out = "\n\(title)\n\(String(repeating: "=", count: title.count))\n"
        let counts = Severity.allCases.map { severity in
            "\(severity.rawValue): \(findings.filter { $0.severity == severity }.count)"
        }
        out += "Total: \(findings.count) (\(counts.joined(separator: ", ")))\n\n"
        let heavy = String(repeating: "═", count: 40) + "\n"
        let light = String(repeating: "─", count: 40) + "\n"
        for finding in findings {
            let severity =
                colour
                ? TableReport.colourSeverity(column: 2, text: finding.severity.rawValue) : finding.severity.rawValue
            out += "\(severity): \(finding.category) (\(finding.ruleID))\n" + heavy + finding.title + "\n" + light
            var location = " \(finding.filePath):\(finding.startLine)"
            if finding.endLine > finding.startLine { location += "-\(finding.endLine)" }
            if let layer = finding.layer, let digest = layer.diffID ?? layer.digest {
                location += " (layer \(digest)" + (layer.createdBy.map { ", added by '\($0)'" } ?? "") + ")"
            }
            out += location + "\n" + light
            for line in finding.code.lines {
                let number = String(line.number)
                out += String(repeating: " ", count: max(0, 4 - number.count)) + number
                out += (line.isCause ? " [ " : "   ") + line.content + "\n"
            }
            if !finding.code.lines.isEmpty { out += light }
            out += "\n"
        }
        return out
    }
}
