import DrydockModel

/// How one image's stored findings compare with what a scan or rescan found: which to insert, reopen,
/// update or resolve, the events to record and the changes to report. Pure: no I/O.
struct FindingDiff {
    /// A stored finding: its row ID, stored severity, whether it is open, and its facts.
    struct Stored {
        var id: Int64
        var severity: String
        var open: Bool
        var finding: StoredFinding
    }

    /// One history event.
    struct Event {
        var finding: StoredFinding
        /// `new`, `fixed`, `severity`, `known-exploited`.
        var kind: String
        var old: Severity?
        var new: Severity?
    }

    var inserted: [StoredFinding] = []
    /// Resolved findings found again (row ID, facts now).
    var reopened: [(Int64, StoredFinding)] = []
    /// Open findings whose severity, fixed version, status or KEV entry changed (row ID, facts now).
    var updated: [(Int64, StoredFinding)] = []
    /// Open findings no longer found (row IDs).
    var resolved: [Int64] = []
    var events: [Event] = []
    var changes = ImageChanges(digest: "", name: "")

    /// Compares `existing` (by finding key) with `current`; with `scope` (package `name|version` pairs), open
    /// findings of other packages are left alone.
    init(existing: [String: Stored], current: [StoredFinding], scope: Set<String>?) {
        var unique: [String: StoredFinding] = [:]
        for finding in current { unique[finding.key] = finding }
        for key in unique.keys.sorted() {
            guard let finding = unique[key] else { continue }
            guard let known = existing[key] else {
                inserted.append(finding)
                changes.new.append(finding)
                events.append(Event(finding: finding, kind: "new", old: nil, new: finding.severity))
                continue
            }
            if !known.open {
                reopened.append((known.id, finding))
                changes.new.append(finding)
                events.append(Event(finding: finding, kind: "new", old: nil, new: finding.severity))
                continue
            }
            if known.finding.knownExploited == nil, finding.knownExploited != nil {
                changes.knownExploited.append(finding)
                events.append(Event(finding: finding, kind: "known-exploited", old: nil, new: finding.severity))
            }
            if known.severity != finding.severity.rawValue {
                updated.append((known.id, finding))
                let previous = Severity(rawValue: known.severity) ?? .unknown
                changes.severityChanged.append(SeverityChange(finding: finding, previousSeverity: previous))
                events.append(Event(finding: finding, kind: "severity", old: previous, new: finding.severity))
            } else if known.finding.fixedVersion != finding.fixedVersion || known.finding.status != finding.status
                || known.finding.knownExploited != finding.knownExploited
            {
                updated.append((known.id, finding))
            }
        }
        for (key, known) in existing.sorted(by: { $0.key < $1.key }) where known.open && unique[key] == nil {
            let packageKey = "\(known.finding.packageName)|\(known.finding.installedVersion)"
            if let scope, !scope.contains(packageKey) { continue }
            resolved.append(known.id)
            changes.fixed.append(known.finding)
            events.append(
                Event(finding: known.finding, kind: "fixed", old: known.finding.severity, new: nil))
        }
        changes.new.sort { $0.key < $1.key }
        changes.fixed.sort { $0.key < $1.key }
        changes.severityChanged.sort { $0.finding.key < $1.finding.key }
        changes.knownExploited.sort { $0.key < $1.key }
    }
}
