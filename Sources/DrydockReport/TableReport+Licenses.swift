import DrydockModel
import DrydockPolicy

extension TableReport {
    /// A license result as Trivy shows it: `TARGET (license)`, severity counts, and a table of package,
    /// license, classification and severity (classification, severity, license and file for license files,
    /// most severe first).
    func licenseSection(_ target: DecidedTarget) -> String {
        let title = "\(target.name) (license)"
        var out = "\n\(title)\n\(String(repeating: "=", count: title.count))\n"
        var findings = target.reported.compactMap(\.finding.license)
        let counts = Severity.allCases.map { severity in
            "\(severity.rawValue): \(findings.filter { $0.severity == severity }.count)"
        }
        out += "Total: \(findings.count) (\(counts.joined(separator: ", ")))\n\n"
        guard !findings.isEmpty else { return out }
        let colour = self.colour
        func severityColumn(_ index: Int) -> (@Sendable (Int, String) -> String)? {
            guard colour else { return nil }
            return { column, text in column == index ? TableReport.colourSeverity(column: 2, text: text) : text }
        }
        if target.kind == .licenseFile {
            findings.sort { lhs, rhs in
                if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
                if lhs.category != rhs.category { return lhs.category.rawValue > rhs.category.rawValue }
                if lhs.name != rhs.name { return lhs.name < rhs.name }
                return (lhs.filePath ?? "") < (rhs.filePath ?? "")
            }
            let rows = findings.map { [$0.category.rawValue, $0.severity.rawValue, $0.name, $0.filePath ?? ""] }
            let table = BoxTable(
                header: ["Classification", "Severity", "License", "File Location"], rows: rows,
                decorate: severityColumn(1))
            return out + table.render()
        }
        let rows = findings.map { [$0.package?.name ?? "", $0.name, $0.category.rawValue, $0.severity.rawValue] }
        let table = BoxTable(
            header: ["Package", "License", "Classification", "Severity"], rows: rows, decorate: severityColumn(3))
        return out + table.render()
    }
}
