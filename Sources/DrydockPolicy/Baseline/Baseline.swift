import DrydockModel
import Foundation

/// The findings of an earlier scan (`--baseline REPORT.json`), to tell which findings of this scan are new,
/// which were there before (and since when), and which are gone.
///
/// Findings are paired by ``FindingFingerprint`` under any of their IDs (the shown ID first, then aliases, so a
/// GHSA finding that gained a CVE ID still pairs), by file path first among findings sharing a fingerprint,
/// then in order. A paired finding is `existing` and keeps the baseline's first-seen time (the baseline report's
/// `FirstSeen`, else its `CreatedAt`); an unpaired one is `new`, first seen now; baseline findings left unpaired
/// are `fixed`. Every finding of this scan takes part, set aside or not, so a finding that is now ignored is
/// never reported as fixed.
public struct Baseline: Sendable, Hashable {
    /// One finding of the baseline report.
    public struct Entry: Sendable, Hashable {
        public var targetName: String
        public var targetKind: TargetKind
        public var finding: Finding
        /// When the finding was first seen, when the report recorded it.
        public var firstSeen: Date?

        public init(targetName: String, targetKind: TargetKind, finding: Finding, firstSeen: Date? = nil) {
            self.targetName = targetName
            self.targetKind = targetKind
            self.finding = finding
            self.firstSeen = firstSeen
        }
    }

    /// The report the baseline was read from.
    public var path: String
    /// When the baseline scan ran.
    public var createdAt: Date?
    public var entries: [Entry]
    /// Kinds of findings the baseline report can hold; findings of other kinds get no baseline state.
    public var kinds: Set<FindingKind>

    public init(path: String, createdAt: Date?, entries: [Entry], kinds: Set<FindingKind> = [.vulnerability]) {
        self.path = path
        self.createdAt = createdAt
        self.entries = entries
        self.kinds = kinds
    }

    /// The baseline state of every finding of `targets` (in their order; `nil` for kinds the baseline cannot
    /// hold), and the baseline findings that are gone. `scanTime` is this scan's time: new findings are first
    /// seen then.
    public func compare(_ targets: [DetectedTarget], scanTime: Date) -> BaselineResult {
        var byKey: [FindingFingerprint: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            for id in entry.finding.allIDs {
                let key = FindingFingerprint(
                    entry.finding, targetName: entry.targetName, targetKind: entry.targetKind, id: id)
                byKey[key, default: []].append(index)
            }
        }
        var pairing: [[Int?]] = targets.map { Array(repeating: nil, count: $0.findings.count) }
        var consumed = Set<Int>()
        // First pass pairs only findings in the same file; the second pairs the rest.
        for samePathOnly in [true, false] {
            for (targetIndex, target) in targets.enumerated() {
                for (findingIndex, finding) in target.findings.enumerated()
                where pairing[targetIndex][findingIndex] == nil && kinds.contains(finding.kind) {
                    pairing[targetIndex][findingIndex] = pair(
                        finding, in: target, byKey: byKey, consumed: &consumed, samePathOnly: samePathOnly)
                }
            }
        }
        let now = BaselineState.timestamp(scanTime)
        let states: [[BaselineState?]] = targets.indices.map { targetIndex in
            targets[targetIndex].findings.indices.map { findingIndex in
                guard kinds.contains(targets[targetIndex].findings[findingIndex].kind) else { return nil }
                guard let entryIndex = pairing[targetIndex][findingIndex] else {
                    return BaselineState(status: .new, firstSeen: now)
                }
                let seen = entries[entryIndex].firstSeen ?? createdAt
                return BaselineState(status: .existing, firstSeen: seen.map(BaselineState.timestamp))
            }
        }
        let fixed = entries.indices.filter { !consumed.contains($0) }.map { index in
            FixedFinding(
                targetName: entries[index].targetName, targetKind: entries[index].targetKind,
                finding: entries[index].finding,
                firstSeen: (entries[index].firstSeen ?? createdAt).map(BaselineState.timestamp))
        }
        var byFinding: [TriageKey: BaselineState] = [:]
        for (target, targetStates) in zip(targets, states) {
            for (finding, state) in zip(target.findings, targetStates) {
                guard let state else { continue }
                let key = TriageKey(targetName: target.name, finding: finding)
                if byFinding[key] == nil { byFinding[key] = state }
            }
        }
        return BaselineResult(
            states: states, byFinding: byFinding,
            comparison: BaselineComparison(path: path, createdAt: createdAt, fixed: fixed))
    }

    private func pair(
        _ finding: Finding, in target: DetectedTarget, byKey: [FindingFingerprint: [Int]], consumed: inout Set<Int>,
        samePathOnly: Bool
    ) -> Int? {
        for id in finding.allIDs {
            let key = FindingFingerprint(finding, targetName: target.name, targetKind: target.kind, id: id)
            let candidates = (byKey[key] ?? []).filter { !consumed.contains($0) }
            let chosen =
                samePathOnly
                ? candidates.first { entries[$0].finding.filePath == finding.filePath }
                : candidates.first
            if let chosen {
                consumed.insert(chosen)
                return chosen
            }
        }
        return nil
    }
}

/// The outcome of comparing a scan with its baseline; the gate's ``BaselineIndex``.
public struct BaselineResult: Sendable, Hashable {
    /// The state of each finding of each target, in their order.
    public var states: [[BaselineState?]]
    /// The same states by target name and finding, for ``state(for:)``.
    var byFinding: [TriageKey: BaselineState]
    public var comparison: BaselineComparison
}

/// What a report shows about the baseline: where it came from and which of its findings are gone.
public struct BaselineComparison: Sendable, Hashable {
    public var path: String
    public var createdAt: Date?
    /// Findings of the baseline that this scan no longer has, in the baseline's order.
    public var fixed: [FixedFinding]

    public init(path: String, createdAt: Date?, fixed: [FixedFinding]) {
        self.path = path
        self.createdAt = createdAt
        self.fixed = fixed
    }
}

/// A finding of the baseline that is gone from this scan.
public struct FixedFinding: Sendable, Hashable {
    public var targetName: String
    public var targetKind: TargetKind
    /// The finding as the baseline recorded it (its installed version is the baseline's).
    public var finding: Finding
    /// When it was first seen, RFC 3339.
    public var firstSeen: String?

    public init(targetName: String, targetKind: TargetKind, finding: Finding, firstSeen: String?) {
        self.targetName = targetName
        self.targetKind = targetKind
        self.finding = finding
        self.firstSeen = firstSeen
    }
}
