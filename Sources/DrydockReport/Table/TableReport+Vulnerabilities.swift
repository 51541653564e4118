import DrydockMatch
import DrydockModel
import DrydockPolicy

extension TableReport {
    /// A package target: counts, what was and was not checked, then Trivy's vulnerability table (Library,
    /// Vulnerability, Severity, Status, Installed Version, Fixed Version, Title).
    func vulnerabilitySection(_ target: DecidedTarget) -> String {
        let title =
            target.kind == .languagePackages && !target.type.isEmpty ? "\(target.name) (\(target.type))" : target.name
        var out = heading(title)
        let findings = target.reportedVulnerabilities
        out += TableReport.totals(findings.map(\.severity)) + "\n"
        let coverage = target.coverage ?? TargetCoverage()
        if !coverage.namespaces.isEmpty {
            let checked = target.checkedPackageCount
            out += "Checked: \(checked) package(s) against \(coverage.namespaces.joined(separator: ", ")) advisories\n"
        }
        for namespace in coverage.uncoveredNamespaces {
            out += "Not checked: the vulnerability DB has no advisories for \(namespace); "
            out += "these packages are of unknown status, not clean.\n"
        }
        if !coverage.unmatchable.isEmpty {
            out += "Not checked: \(coverage.unmatchable.count) package(s) could not be matched:\n"
            for package in coverage.unmatchable {
                out += "  - \(package.packageID): \(package.reason)\n"
            }
        }
        out += "\n"
        guard !findings.isEmpty else { return out }
        // Below 100 columns the seven columns cannot all be readable: the status goes into the Fixed Version
        // column (a fixed version, or the status when there is none) and the table keeps six.
        let compact = width < 100
        var header = ["Library", "Vulnerability", "Severity", "Status", "Installed Version", "Fixed Version", "Title"]
        if compact { header.remove(at: 3) }
        var rows: [[String]] = []
        var previous: String?
        for finding in findings {
            let library = TableReport.libraryName(finding, target: target)
            var row = [
                library == previous ? "" : library, finding.vulnerabilityID, finding.severity.rawValue,
                finding.status.rawValue, finding.package.version, finding.fixedVersion ?? "",
                FindingText.shorten(FindingText.title(.vulnerability(finding)), to: 100),
            ]
            if compact {
                row.remove(at: 3)
                if finding.fixedVersion == nil || finding.status != .fixed {
                    row[4] = [finding.fixedVersion, "(\(finding.status.rawValue))"].compactMap { $0 }.joined(
                        separator: " ")
                }
            }
            rows.append(row)
            previous = library
        }
        let titleColumn = header.count - 1
        var table = TextTable(
            header: header, rows: rows,
            minimumWidths: compact
                ? [0: 8, 1: 14, 2: 8, 3: 8, 4: 8, 5: 12] : [0: 8, 1: 14, 2: 8, 3: 6, 4: 8, 5: 8, 6: 12])
        let style = self.style
        table.decorate = { column, text in column == 2 ? style.severityCell(text) : text }
        let widths = table.columnWidths(fitting: width)
        // Trivy puts the advisory's URL under the title; only when it fits on one line of the column.
        // A title longer than about four lines of its column is shortened: the table is a summary, the JSON
        // report has it all.
        let titleLimit = max(60, widths[titleColumn] * 4)
        table.rows = zip(rows, findings).map { row, finding in
            var row = row
            row[titleColumn] = FindingText.shorten(row[titleColumn], to: titleLimit)
            if let url = TrivyJSONReport.primaryURL(for: finding), url.count <= widths[titleColumn] {
                row[titleColumn] += "\n" + url
            }
            return row
        }
        out += table.render(width: width)
        if dependencyTree, target.kind == .languagePackages {
            out += DependencyTree(packages: target.packages, findings: findings, colour: colour).render(
                target: target.name)
        }
        return out
    }

    /// Trivy's Library cell: the package name, and for a package inside a Java archive the outermost archive
    /// (`spring-beans (helloworld.war)`, `log4j-core (app.jar)`), as Trivy's `rootJarFromPath` names it. Trivy
    /// also appends the file name for other packages read from their own files (`Flask (METADATA)`), which
    /// says nothing; Drydock leaves it out (the JSON report's `PkgPath` has the full path).
    static func libraryName(_ finding: VulnerabilityFinding, target: DecidedTarget) -> String {
        guard target.kind == .languagePackages, let path = finding.package.filePath, path != target.name else {
            return finding.package.name
        }
        let parts = path.split(separator: "/")
        let archives = [".jar", ".war", ".ear", ".par"]
        guard let archive = parts.first(where: { part in archives.contains { part.hasSuffix($0) } }) else {
            return finding.package.name
        }
        return "\(finding.package.name) (\(archive))"
    }
}
