import DrydockMatch
import DrydockModel
import DrydockPolicy

/// Writes the human-readable report: one section per target with severity counts and a box table.
///
/// Colour (severity names) only when `colour` is set — the CLI sets it when standard output is a
/// terminal and `NO_COLOR` is unset.
public struct TableReport: Sendable {
    public var colour: Bool

    public init(colour: Bool) {
        self.colour = colour
    }

    /// The report as UTF-8 text.
    public func render(_ report: ScanReport) -> String {
        var out = ""
        if let coverage = report.coverage {
            out += CoverageSection.table(coverage, verdict: report.verdict)
        } else if report.operatingSystem == nil {
            out += "Operating system: not detected — OS packages were not checked.\n\n"
        }
        for target in report.targets {
            out += section(target)
        }
        if report.targets.isEmpty {
            out += "No packages were found in \(report.artifact.name); nothing was checked.\n"
        }
        for line in WarningSummary(report.warnings).lines(hint: "all in the JSON report") {
            out += "WARNING: \(line)\n"
        }
        if let database = report.database, let digest = database.digest {
            out += "Vulnerability DB: \(digest)"
            if let builtAt = database.builtAt {
                let hours = Int(max(0, report.createdAt.timeIntervalSince(builtAt)) / 3600)
                out += ", built \(hours / 24)d \(hours % 24)h ago"
            }
            out += "\n"
        }
        return out
    }

    private func section(_ target: DecidedTarget) -> String {
        let title = "\(target.match.target.name)"
        var out = "\n\(title)\n\(String(repeating: "=", count: title.count))\n"
        let findings = target.reported
        let counts = Severity.allCases.map { severity in
            "\(severity.rawValue): \(findings.filter { $0.severity == severity }.count)"
        }
        out += "Total: \(findings.count) (\(counts.joined(separator: ", ")))\n"
        let coverage = target.match.coverage
        if !coverage.namespaces.isEmpty {
            let checked = target.match.checkedPackageCount
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
        let header = ["Library", "Vulnerability", "Severity", "Status", "Installed Version", "Fixed Version", "Title"]
        var rows: [[String]] = []
        var previous: String?
        for finding in findings {
            let library = finding.package.name == previous ? "" : finding.package.name
            previous = finding.package.name
            rows.append([
                library, finding.vulnerabilityID, finding.severity.rawValue, finding.status.rawValue,
                finding.package.version, finding.fixedVersion ?? "",
                TableReport.truncate(finding.advisory.title ?? "", 60),
            ])
        }
        out += BoxTable(header: header, rows: rows, decorate: colour ? TableReport.colourSeverity : nil).render()
        return out
    }

    static func truncate(_ text: String, _ limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > limit else { return flat }
        return String(flat.prefix(limit - 1)) + "…"
    }

    /// Wraps a severity cell in its ANSI colour.
    @Sendable static func colourSeverity(column: Int, text: String) -> String {
        guard column == 2, let severity = Severity(rawValue: text.trimmingTrailingSpaces) else { return text }
        let code =
            switch severity {
            case .critical: "31"
            case .high: "91"
            case .medium: "33"
            case .low: "34"
            case .unknown: "37"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
