import DrydockModel
import DrydockPolicy

extension Baseline {
    /// The baseline a saved JSON report gives (`--baseline REPORT.json`, Drydock's or Trivy's): every finding the
    /// report lists, reported or set aside (`ExperimentalModifiedFindings`), first seen when its decision's
    /// `Baseline.FirstSeen` says (else when the report was made).
    public init(_ report: SavedReport) {
        var entries: [Entry] = []
        for target in report.decidedTargets {
            for decided in target.findings {
                entries.append(
                    Entry(
                        targetName: target.name, targetKind: target.kind, finding: decided.finding,
                        firstSeen: decided.decision.baseline?.firstSeen.flatMap(PolicyDate.parse)))
            }
        }
        self.init(path: report.path, createdAt: report.createdAt, entries: entries)
    }
}
