import DrydockModel
import DrydockPolicy

extension TableReport {
    /// `--show-suppressed`: the findings of one target that an ignore file, a VEX statement, an exception or a
    /// policy rule set aside, with why (`Status`, `Statement`) and where (`Source`): Trivy's
    /// `Suppressed Vulnerabilities (Total: N)` table, and the same for misconfigurations, secrets and licenses,
    /// which Trivy does not show. Findings left out by a flag (`--severity`) are not listed, as in Trivy.
    func suppressedSection(_ target: DecidedTarget) -> String {
        var out = ""
        for kind in FindingKind.allCases {
            let suppressed = target.findings.filter {
                $0.finding.kind == kind && ModifiedFindings.isModified($0.decision)
            }
            guard !suppressed.isEmpty else { continue }
            out += suppressedTable(kind, suppressed, target: target)
        }
        return out
    }

    private func suppressedTable(_ kind: FindingKind, _ findings: [DecidedFinding], target: DecidedTarget) -> String {
        let noun: String
        var header: [String]
        switch kind {
        case .vulnerability: (noun, header) = ("Vulnerabilities", ["Library", "Vulnerability"])
        case .misconfiguration: (noun, header) = ("Misconfigurations", ["Check"])
        case .secret: (noun, header) = ("Secrets", ["Rule", "Lines"])
        case .license: (noun, header) = ("Licenses", ["Package", "License"])
        }
        let severityColumn = header.count
        header += ["Severity", "Status", "Statement", "Source"]
        let rows = findings.map { decided in
            let statement = ModifiedFindings.statement(decided.decision)
            return subject(decided.finding, target: target) + [
                decided.finding.severity.rawValue, ModifiedFindings.status(decided.decision),
                statement.isEmpty ? "N/A" : TableReport.truncate(statement, 120),
                ModifiedFindings.source(decided.decision),
            ]
        }
        var table = TextTable(header: header, rows: rows, minimumWidths: [severityColumn: 8])
        let style = self.style
        table.decorate = { column, text in column == severityColumn ? style.severityCell(text) : text }
        return heading("Suppressed \(noun) (Total: \(findings.count))") + table.render(width: width)
    }

    /// The cells before `Severity`: what the finding is about, as each kind's own table names it.
    private func subject(_ finding: Finding, target: DecidedTarget) -> [String] {
        switch finding {
        case .vulnerability(let value): [TableReport.libraryName(value, target: target), value.vulnerabilityID]
        case .misconfiguration(let value): [value.id]
        case .secret(let value):
            [
                value.ruleID,
                value.startLine == value.endLine ? "\(value.startLine)" : "\(value.startLine)-\(value.endLine)",
            ]
        case .license(let value): [value.package?.name ?? value.filePath ?? target.name, value.name]
        }
    }
}
