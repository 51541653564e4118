import DrydockModel
import DrydockPolicy

extension TableReport {
    /// `--baseline`: how many reported findings are new and how many existing, and the baseline's findings that
    /// are gone, one table per target (`Fixed Since Baseline`). Findings open longer than a policy allows fail
    /// through the policy's `openDays` rules, which the verdict lists.
    func baselineSection(_ report: ScanReport) -> String {
        guard let baseline = report.baseline else { return "" }
        let states = report.targets.flatMap(\.reported).compactMap(\.decision.baseline?.status)
        let since = baseline.createdAt.map { " (\(TrivyJSONReport.timestamp($0, fractional: false)))" } ?? ""
        var out = heading("Baseline")
        out += "Compared with \(baseline.path)\(since): \(states.filter { $0 == .new }.count) new, "
        out += "\(states.filter { $0 == .existing }.count) existing, \(baseline.fixed.count) fixed\n"
        var targets: [String] = []
        var byTarget: [String: [FixedFinding]] = [:]
        for fixed in baseline.fixed {
            if byTarget[fixed.targetName] == nil { targets.append(fixed.targetName) }
            byTarget[fixed.targetName, default: []].append(fixed)
        }
        let style = self.style
        for target in targets {
            let fixed = byTarget[target] ?? []
            let rows = fixed.map { fixed -> [String] in
                [
                    fixed.packageName ?? fixed.filePath ?? "", fixed.id, fixed.severity.rawValue,
                    fixed.installedVersion ?? "", fixed.firstSeen.map { String($0.prefix(10)) } ?? "",
                ]
            }
            var table = TextTable(
                header: ["Library", "ID", "Severity", "Baseline Version", "First Seen"], rows: rows,
                minimumWidths: [2: 8, 4: 10])
            table.decorate = { column, text in column == 2 ? style.severityCell(text) : text }
            out += "\nFixed since the baseline in \(target) (Total: \(fixed.count))\n" + table.render(width: width)
        }
        return out
    }
}
