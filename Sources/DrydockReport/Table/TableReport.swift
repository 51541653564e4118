import DrydockMatch
import DrydockModel
import DrydockPolicy

/// Writes the human-readable report: the coverage section, Trivy's "Report Summary" table, one section per
/// target (vulnerabilities, misconfigurations, secrets, licenses; with ``showSuppressed`` the findings set aside
/// too), each fitted to ``width`` columns, and last the gate's verdict with the rules that failed the build.
///
/// Colour (severities, headings) only when ``colour`` is set: the CLI sets it when standard output is a
/// terminal and `NO_COLOR` is unset. The width is the terminal's, else `COLUMNS`, else 80 (`docs/formats.md`).
public struct TableReport: Sendable {
    /// Trivy's `--table-mode` values.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// The "Report Summary" table: one row per target with its counts.
        case summary
        /// One section per target with every finding.
        case detailed
    }

    public var colour: Bool
    /// Characters per line the tables must fit.
    public var width: Int
    public var modes: Set<Mode>
    /// Show, for each vulnerable language package, the chain of packages that pulls it in (`--dependency-tree`).
    public var dependencyTree: Bool
    /// List, after each target's findings, those an ignore file, VEX statement, exception or policy rule set
    /// aside (`--show-suppressed`).
    public var showSuppressed: Bool

    public init(
        colour: Bool, width: Int = 80, modes: Set<Mode> = [.summary, .detailed], dependencyTree: Bool = false,
        showSuppressed: Bool = false
    ) {
        self.colour = colour
        self.width = max(40, width)
        self.modes = modes
        self.dependencyTree = dependencyTree
        self.showSuppressed = showSuppressed
    }

    /// The report as UTF-8 text.
    public func render(_ report: ScanReport) -> String {
        var out = ""
        if let coverage = report.coverage {
            out += CoverageSection.table(coverage, verdict: report.verdict)
        } else if report.operatingSystem == nil,
            report.scanners.map({ $0.contains(.vulnerability) })
                ?? (report.targets.contains(where: { $0.kind == .osPackages || $0.kind == .languagePackages })
                    || (report.targets.isEmpty && report.database != nil))
        {
            // Not said when only other scanners ran (`--scanners secret`, `--scanners license`, `drydock config`):
            // no OS packages were to be checked.
            out += "Operating system: not detected — OS packages were not checked.\n\n"
        }
        if modes.contains(.summary), !report.targets.isEmpty {
            out += SummaryTable(style: style, width: width).render(
                report.targets, scanners: report.scanners, vulnerabilities: report.database != nil)
        }
        if modes.contains(.detailed) {
            for target in report.targets {
                out += section(target)
                if showSuppressed { out += suppressedSection(target) }
            }
        }
        if report.targets.isEmpty {
            out += emptyReportLine(report)
        }
        out += baselineSection(report)
        out += attestationSection(report)
        for line in WarningSummary(report.warnings).lines(hint: "all in the JSON report") {
            out += "WARNING: \(line)\n"
        }
        if !colour { out = TableReport.wrapProse(out, width: width) }
        // The DB line is kept whole, so its digest can be copied and compared with `drydock db info`.
        if let database = report.database, let digest = database.digest {
            out += "Vulnerability DB: \(digest)"
            if let builtAt = database.builtAt {
                let hours = Int(max(0, report.createdAt.timeIntervalSince(builtAt)) / 3600)
                out += ", built \(hours / 24)d \(hours % 24)h ago"
            }
            out += "\n"
        }
        // Last, so a CI log ends with what decided the build.
        out += verdictSection(report)
        return out
    }

    /// Lines of prose (coverage, warnings, headings) longer than `width` wrapped at spaces, continued with
    /// two spaces of indent; table, tree and code lines already fit and are left alone.
    static func wrapProse(_ text: String, width: Int) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let boxed = line.first.map { "│├┌└═─ ".contains($0) } ?? false
            guard line.count > width, !boxed else {
                out += line + "\n"
                continue
            }
            let wrapped = TextTable.wrap(String(line), to: width - 2)
            out += wrapped.enumerated().map { index, part in index == 0 ? part : "  " + part }.joined(separator: "\n")
            out += "\n"
        }
        return String(out.dropLast())
    }

    var style: TableStyle { TableStyle(colour: colour) }

    /// What an empty report says: no packages for a vulnerability scan that covered the target, no
    /// configuration files for a misconfiguration-only scan (`drydock config`), otherwise that nothing was found.
    private func emptyReportLine(_ report: ScanReport) -> String {
        let name = report.artifact.name
        if report.coverage != nil || (report.scanners == nil && report.database != nil) {
            return "No packages were found in \(name); nothing was checked.\n"
        }
        if report.scanners.map({ $0 == [.misconfiguration] }) ?? true {
            return "No configuration files were found in \(name); nothing was checked.\n"
        }
        return "Nothing was found in \(name).\n"
    }

    private func section(_ target: DecidedTarget) -> String {
        switch target.kind {
        case .osPackages, .languagePackages: vulnerabilitySection(target)
        case .config: misconfigurationSection(target)
        case .secret: secretSection(target)
        case .license, .licenseFile: licenseSection(target)
        }
    }

    /// The heading of a section: underlined with `=` (bold and underlined on a terminal, as Trivy does).
    func heading(_ title: String) -> String {
        colour
            ? "\n\u{1B}[1;4m\(title)\u{1B}[0m\n\n"
            : "\n\(title)\n\(String(repeating: "=", count: title.count))\n"
    }

    /// `Total: N (UNKNOWN: a, LOW: b, MEDIUM: c, HIGH: d, CRITICAL: e)`.
    static func totals(_ severities: [Severity]) -> String {
        let counts = Severity.allCases.map { severity in
            "\(severity.rawValue): \(severities.filter { $0 == severity }.count)"
        }
        return "Total: \(severities.count) (\(counts.joined(separator: ", ")))"
    }

    static func truncate(_ text: String, _ limit: Int) -> String {
        FindingText.shorten(FindingText.collapse(text), to: limit)
    }
}

/// ANSI colours for severities and dim text, or none.
struct TableStyle: Sendable {
    var colour: Bool

    /// A severity name in its colour (Trivy's: CRITICAL red, HIGH bright red, MEDIUM yellow, LOW blue,
    /// UNKNOWN cyan).
    func severity(_ text: String) -> String {
        guard colour, let code = TableStyle.code(text) else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// A padded cell whose trimmed text is a severity name, coloured; other cells unchanged.
    func severityCell(_ text: String) -> String {
        guard colour else { return text }
        var trimmed = Substring(text)
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        guard let code = TableStyle.code(String(trimmed)) else { return text }
        return "\u{1B}[\(code)m\(trimmed)\u{1B}[0m" + String(repeating: " ", count: text.count - trimmed.count)
    }

    private static func code(_ text: String) -> String? {
        switch Severity(rawValue: text) {
        case .critical: "31"
        case .high: "91"
        case .medium: "33"
        case .low: "34"
        case .unknown: "36"
        case nil: nil
        }
    }

    func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
