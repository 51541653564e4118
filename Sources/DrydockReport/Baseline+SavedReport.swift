import DrydockModel
import DrydockPolicy

extension Baseline {
    /// The baseline a saved JSON report gives (`--baseline REPORT.json`, Drydock's or Trivy's): every listed
    /// vulnerability and every vulnerability the report set aside (`ExperimentalModifiedFindings`), with the
    /// first-seen times Drydock's reports record.
    public init(_ report: SavedReport) {
        var entries: [Entry] = []
        for (targetIndex, target) in report.targets.enumerated() {
            for (findingIndex, finding) in target.findings.enumerated() {
                let position = SavedReport.Position(target: targetIndex, finding: findingIndex)
                entries.append(
                    Entry(
                        targetName: target.name, targetKind: target.kind, finding: finding,
                        firstSeen: report.firstSeen[position]))
            }
        }
        for setAside in report.setAside where report.targets.indices.contains(setAside.target) {
            let target = report.targets[setAside.target]
            entries.append(
                Entry(
                    targetName: target.name, targetKind: target.kind, finding: setAside.finding,
                    firstSeen: setAside.firstSeen))
        }
        self.init(path: report.path, createdAt: report.createdAt, entries: entries, kinds: [.vulnerability])
    }
}
