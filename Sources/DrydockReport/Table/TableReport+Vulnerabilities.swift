import DrydockMatch
import DrydockModel
import DrydockPolicy

extension TableReport {
    /// A package target: counts, what was and was not checked, then Trivy's vulnerability table (Library,
    /// Vulnerability, Severity, Status, Installed Version, Fixed Version, Title). A finding whose vulnerable
    /// functions are all absent from its Go binary is marked `(not reachable)` under its ID, with a note after the
    /// table.
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
        // Below 100 columns seven columns cannot all be readable: the status goes into the Fixed Version
        // column (a fixed version, or the status when there is none) and the title under the row, across
        // the table's width.
        let compact = width < 100
        var header = ["Library", "Vulnerability", "Severity", "Status", "Installed Version", "Fixed Version", "Title"]
        if compact { header = ["Library", "Vulnerability", "Severity", "Installed Version", "Fixed Version"] }
        var rows: [[String]] = []
        var titles: [String] = []
        var previous: String?
        for finding in findings {
            let library = TableReport.libraryName(finding, target: target)
            let title = FindingText.shorten(FindingText.title(.vulnerability(finding)), to: compact ? 150 : 100)
            var row = [
                library == previous ? "" : library, TableReport.vulnerabilityCell(finding), finding.severity.rawValue,
                finding.status.rawValue, finding.package.version, finding.fixedVersion ?? "", title,
            ]
            if compact {
                row = Array(row[0..<3]) + [row[4], row[5]]
                if finding.fixedVersion == nil || finding.status != .fixed {
                    row[4] = [finding.fixedVersion, "(\(finding.status.rawValue))"].compactMap { $0 }.joined(
                        separator: " ")
                }
            }
            rows.append(row)
            titles.append(title)
            previous = library
        }
        var table = TextTable(
            header: header, rows: rows,
            minimumWidths: compact ? [0: 10, 1: 14, 2: 8, 3: 9, 4: 9] : [0: 8, 1: 14, 2: 8, 3: 6, 4: 8, 5: 8, 6: 12])
        let style = self.style
        table.decorate = { column, text in column == 2 ? style.severityCell(text) : text }
        if compact {
            // Trivy puts the advisory's URL under the title; here it follows the title when it fits one line.
            let inner = table.columnWidths(fitting: width).reduce(0, +) + 3 * (header.count - 1)
            table.notes = zip(titles, findings).map { title, finding in
                guard let url = TrivyJSONReport.primaryURL(for: finding), url.count <= inner else { return title }
                return title.isEmpty ? url : "\(title)\n\(url)"
            }
        } else {
            let widths = table.columnWidths(fitting: width)
            // A title longer than about four lines of its column is shortened: the table is a summary, the JSON
            // report has it all; the URL goes under the title when it fits one line of the column.
            let titleLimit = max(60, widths[6] * 4)
            table.rows = zip(rows, findings).map { row, finding in
                var row = row
                row[6] = FindingText.shorten(row[6], to: titleLimit)
                if let url = TrivyJSONReport.primaryURL(for: finding), url.count <= widths[6] { row[6] += "\n" + url }
                return row
            }
        }
        out += table.render(width: width)
        let unreachable = findings.filter { if case .notReachable = $0.reachability { true } else { false } }.count
        if unreachable > 0 {
            out += "(not reachable): \(unreachable) finding(s) whose vulnerable functions are not in the binary's "
            out += "function table; reported, and decided by policy (reachability: not-reachable).\n"
        }
        if dependencyTree, target.kind == .languagePackages {
            out += DependencyTree(packages: target.packages, findings: findings, colour: colour).render(
                target: target.name)
        }
        return out
    }

    /// The Vulnerability cell: the ID, and `(not reachable)` under it when none of the functions the advisory
    /// names is in the binary.
    static func vulnerabilityCell(_ finding: VulnerabilityFinding) -> String {
        guard case .notReachable = finding.reachability else { return finding.vulnerabilityID }
        return finding.vulnerabilityID + "\n(not reachable)"
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
