import DrydockModel
import DrydockPolicy

extension TableReport {
    /// A configuration file: Trivy's test counts, then each failed check with its explanation, link, the
    /// file and lines, and the lines themselves.
    func misconfigurationSection(_ target: DecidedTarget) -> String {
        let findings = target.reported.compactMap(\.finding.misconfiguration)
        let failures = findings.filter { $0.status == .fail }
        var out = heading(target.type.isEmpty ? target.name : "\(target.name) (\(target.type))")
        out += "Tests: \(target.passedChecks + failures.count) (SUCCESSES: \(target.passedChecks), "
        out += "FAILURES: \(failures.count))\n"
        let failureTotals = TableReport.totals(failures.map(\.severity))
        out += "Failures" + failureTotals.dropFirst("Total".count) + "\n\n"
        for finding in failures {
            out += style.severity(finding.severity.rawValue) + " " + "\(finding.id): \(finding.title)\n"
            out += doubleRule
            out += wrapText(finding.message.isEmpty ? finding.description : finding.message)
            if !finding.description.isEmpty, !finding.message.isEmpty { out += "\n" + wrapText(finding.description) }
            if let url = finding.primaryURL { out += "\nSee \(url)\n" }
            out += singleRule
            var location = " \(finding.filePath)"
            if let start = finding.cause.startLine {
                location += ":\(start)"
                if let end = finding.cause.endLine, end > start { location += "-\(end)" }
            }
            if let resource = finding.cause.resource { location += " (\(resource))" }
            out += location + layerNote(finding.layer) + "\n"
            if !finding.cause.code.isEmpty {
                out += singleRule + code(finding.cause.code)
            }
            out += singleRule + "\n\n"
        }
        return out
    }

    /// A file with secrets: Trivy's layout, one block per secret with the masked lines around it.
    func secretSection(_ target: DecidedTarget) -> String {
        let findings = target.reported.compactMap(\.finding.secret)
        var out = heading("\(target.name) (secrets)")
        out += TableReport.totals(findings.map(\.severity)) + "\n\n"
        for finding in findings {
            out += style.severity(finding.severity.rawValue) + ": \(finding.category) (\(finding.ruleID))\n"
            out += doubleRule + style.dim(finding.title) + "\n" + singleRule
            var location = " \(finding.filePath)"
            if finding.startLine > 0 {
                location += ":\(finding.startLine)"
                if finding.endLine > finding.startLine { location += "-\(finding.endLine)" }
            }
            if let offset = finding.offset, offset > 0 { location += " (offset: \(offset) bytes)" }
            out += location + layerNote(finding.layer) + "\n"
            if !finding.code.isEmpty { out += singleRule + code(finding.code) }
            out += singleRule + "\n\n"
        }
        return out
    }

    /// Package licenses (Package, License, Classification, Severity) or license files (Classification,
    /// Severity, License, File Location, most severe first), as Trivy shows them; nothing when none is
    /// reported (Trivy leaves such results out of the table).
    func licenseSection(_ target: DecidedTarget) -> String {
        var findings = target.reported.compactMap(\.finding.license)
        guard !findings.isEmpty else { return "" }
        if target.kind == .licenseFile {
            findings.sort { lhs, rhs in
                if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
                if lhs.category != rhs.category { return lhs.category.rawValue > rhs.category.rawValue }
                if lhs.name != rhs.name { return lhs.name < rhs.name }
                return (lhs.filePath ?? "") < (rhs.filePath ?? "")
            }
        }
        var out = heading("\(target.name) (license)")
        out += TableReport.totals(findings.map(\.severity)) + "\n\n"
        let style = self.style
        var table: TextTable
        if target.kind == .licenseFile {
            table = TextTable(
                header: ["Classification", "Severity", "License", "File Location"],
                rows: findings.map {
                    [$0.category.rawValue, $0.severity.rawValue, $0.name, $0.filePath ?? target.name]
                }, minimumWidths: [0: 10, 1: 8, 2: 10, 3: 12])
            table.decorate = { column, text in column == 1 ? style.severityCell(text) : text }
        } else {
            table = TextTable(
                header: ["Package", "License", "Classification", "Severity"],
                rows: findings.map {
                    [$0.package?.name ?? $0.filePath ?? "", $0.name, $0.category.rawValue, $0.severity.rawValue]
                }, minimumWidths: [0: 10, 1: 10, 2: 10, 3: 8])
            table.decorate = { column, text in column == 3 ? style.severityCell(text) : text }
        }
        out += table.render(width: width)
        return out
    }

    private var doubleRule: String { style.dim(String(repeating: "═", count: width)) + "\n" }
    private var singleRule: String { style.dim(String(repeating: "─", count: width)) + "\n" }

    /// ` (added by 'RUN …')` for a file from an image layer, cut to 40 characters as Trivy does.
    private func layerNote(_ layer: LayerReference?) -> String {
        if let createdBy = layer?.createdBy, !createdBy.isEmpty {
            return " (added by '\(FindingText.shorten(FindingText.collapse(createdBy), to: 40))')"
        }
        if let diffID = layer?.diffID {
            let hex = diffID.hasPrefix("sha256:") ? diffID.dropFirst(7) : Substring(diffID)
            return " (added in layer '\(hex.prefix(12))')"
        }
        return ""
    }

    /// Code lines with Trivy's gutter: the number, then `[` for a one-line cause, `┌ │ └` around a longer one.
    private func code(_ snippet: CodeSnippet) -> String {
        var out = ""
        let lines = snippet.lines
        for (index, line) in lines.enumerated() {
            let number = String(line.number)
            let gutter = String(repeating: " ", count: max(0, 4 - number.count)) + number
            var marker = "  "
            if line.truncated {
                out += style.dim(String(repeating: " ", count: max(0, 4 - number.count)) + "..." + "  ") + "\n"
                continue
            }
            if line.isCause {
                if (line.firstCause && line.lastCause) || lines.count == 1 {
                    marker = "[ "
                } else if line.firstCause || index == 0 {
                    marker = "┌ "
                } else if line.lastCause || index == lines.count - 1 {
                    marker = "└ "
                } else {
                    marker = "│ "
                }
            }
            let content = FindingText.shorten(line.content, to: max(10, width - 7))
            out += (line.isCause ? gutter + " " + marker : style.dim(gutter) + " " + marker) + content + "\n"
        }
        return out
    }

    private func wrapText(_ text: String) -> String {
        TextTable.wrap(FindingText.collapse(text), to: width).joined(separator: "\n") + "\n"
    }
}
