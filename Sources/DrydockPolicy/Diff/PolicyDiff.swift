import DrydockModel
import Foundation

/// `drydock policy diff`: the findings of saved reports decided under two policies, and what changes.
///
/// No rescan: the findings are the report's (reported and set aside), decided again by two gates that differ
/// only in their policy. VEX statements and baseline states recorded in the report are replayed for both.
public struct PolicyDiff: Sendable {
    /// One finding whose decision differs.
    public struct FindingChange: Sendable, Hashable {
        public var targetName: String
        public var finding: Finding
        public var old: Decision
        public var new: Decision
    }

    /// One target (result) that passes under one policy and fails under the other.
    public struct TargetFlip: Sendable, Hashable {
        public var targetName: String
        public var oldFails: Bool
        public var newFails: Bool
    }

    /// One report decided twice.
    public struct ReportDiff: Sendable, Hashable {
        /// The report file.
        public var path: String
        public var artifactName: String
        public var old: Verdict
        public var new: Verdict
        public var targetFlips: [TargetFlip]
        public var changes: [FindingChange]
        /// How many findings were decided.
        public var findingCount: Int

        /// Whether the report's verdict passes under one policy and not the other.
        public var flips: Bool { old.passed != new.passed }
    }

    public var old: ScanPolicy
    public var new: ScanPolicy

    public init(old: ScanPolicy, new: ScanPolicy) {
        self.old = old
        self.new = new
    }

    /// Decides the findings of `recorded` (a saved report's targets with the decisions it records) under both
    /// policies, replaying the VEX statements and baseline states those decisions carry.
    public func compare(path: String, artifact: ArtifactMetadata, recorded: [DecidedTarget], at now: Date)
        -> ReportDiff
    {
        let triage = RecordedTriage(recorded)
        let targets = recorded.map(\.detected)
        let oldGate = Gate(policy: old, artifact: artifact, vex: triage, baseline: triage, now: now)
        let newGate = Gate(policy: new, artifact: artifact, vex: triage, baseline: triage, now: now)
        let oldDecided = oldGate.decide(targets)
        let newDecided = newGate.decide(targets)
        var flips: [TargetFlip] = []
        var changes: [FindingChange] = []
        for (before, after) in zip(oldDecided, newDecided) {
            let oldFails = before.findings.contains { $0.decision.action == .fail }
            let newFails = after.findings.contains { $0.decision.action == .fail }
            if oldFails != newFails {
                flips.append(TargetFlip(targetName: before.name, oldFails: oldFails, newFails: newFails))
            }
            for (was, now) in zip(before.findings, after.findings) where PolicyDiff.differs(was.decision, now.decision)
            {
                changes.append(
                    FindingChange(targetName: before.name, finding: was.finding, old: was.decision, new: now.decision))
            }
        }
        return ReportDiff(
            path: path, artifactName: artifact.name, old: oldGate.verdict(oldDecided),
            new: newGate.verdict(newDecided), targetFlips: flips, changes: changes,
            findingCount: targets.map(\.findings.count).reduce(0, +))
    }

    /// Whether two decisions differ in what they do or in the rule that took them (not in where the files are).
    static func differs(_ lhs: Decision, _ rhs: Decision) -> Bool {
        lhs.action != rhs.action || lhs.rule.source != rhs.rule.source || lhs.rule.id != rhs.rule.id
            || lhs.rule.description != rhs.rule.description
    }
}
