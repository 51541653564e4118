import DrydockModel
import DrydockPolicy

/// The table report's triage sections: findings set aside by VEX (with the justification), and the baseline
/// summary with the baseline's findings that are gone.
extension TableReport {
    func triageSections(_ report: ScanReport) -> String {
        var out = ""
        let setAside = report.targets.flatMap(\.findings).filter {
            $0.decision.action == .ignore && $0.decision.rule.source == .vex
        }
        if !setAside.isEmpty {
            out += "\nSet aside by VEX: \(setAside.count) finding(s)\n"
            let rows = setAside.map { decided -> [String] in
                let vex = decided.decision.vex
                return [
                    decided.finding.package?.name ?? "", decided.finding.id, decided.finding.severity.rawValue,
                    vex?.status ?? "", TableReport.truncate(vex?.justification ?? vex?.statement ?? "", 60),
                    vex?.location.description ?? "",
                ]
            }
            out += BoxTable(
                header: ["Library", "Vulnerability", "Severity", "Status", "Statement", "Source"], rows: rows
            ).render()
        }
        if let baseline = report.baseline {
            let states = report.targets.flatMap(\.reported).compactMap(\.decision.baseline?.status)
            let since = baseline.createdAt.map { " of " + BaselineState.timestamp($0) } ?? ""
            out += "\nBaseline \(baseline.path)\(since): \(states.filter { $0 == .new }.count) new, "
            out += "\(states.filter { $0 == .existing }.count) existing, \(baseline.fixed.count) fixed\n"
            if !baseline.fixed.isEmpty {
                let rows = baseline.fixed.map { fixed -> [String] in
                    [
                        fixed.targetName, fixed.finding.package?.name ?? "", fixed.finding.id,
                        fixed.finding.severity.rawValue, fixed.finding.package?.version ?? "", fixed.firstSeen ?? "",
                    ]
                }
                out += BoxTable(
                    header: ["Target", "Library", "Vulnerability", "Severity", "Baseline Version", "First Seen"],
                    rows: rows
                ).render()
            }
        }
        return out
    }
}
