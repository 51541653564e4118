import DrydockPolicy

extension TableReport {
    /// Trivy's `Suppressed Vulnerabilities (Total: N)` table for one target (`--show-suppressed`): the
    /// vulnerabilities an ignore file, VEX statement, exception or policy rule set aside, with why and where.
    func suppressedSection(_ target: DecidedTarget) -> String {
        let suppressed = target.findings.filter { ModifiedFindings.isModified($0.decision) }.compactMap {
            decided in decided.finding.vulnerability.map { ($0, decided.decision) }
        }
        guard !suppressed.isEmpty else { return "" }
        let title = "Suppressed Vulnerabilities (Total: \(suppressed.count))"
        var out = "\n\(title)\n\(String(repeating: "=", count: title.count))\n"
        let header = ["Library", "Vulnerability", "Severity", "Status", "Statement", "Source"]
        let rows = suppressed.map { finding, decision in
            let statement = ModifiedFindings.statement(decision)
            return [
                finding.package.name, finding.vulnerabilityID, finding.severity.rawValue,
                ModifiedFindings.status(decision), statement.isEmpty ? "N/A" : TableReport.truncate(statement, 60),
                ModifiedFindings.source(decision),
            ]
        }
        out += BoxTable(header: header, rows: rows, decorate: colour ? TableReport.colourSeverity : nil).render()
        return out
    }
}
