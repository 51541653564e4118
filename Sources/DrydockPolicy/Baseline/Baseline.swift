import DrydockModel
import Foundation

/// The findings of an earlier scan (`--baseline REPORT.json`), to tell which findings of this scan are new,
/// which were there before (and since when), and which are gone.
///
/// Findings of every kind are paired by ``FindingFingerprint`` under any of their IDs (the shown ID first, then
/// aliases, so a GHSA finding that gained a CVE ID still pairs), by file path first among findings sharing a
/// fingerprint, then in order. A paired finding is `existing` and keeps the baseline's first-seen time (the
/// baseline report's `Decision.Baseline.FirstSeen`, else its `CreatedAt`); an unpaired one is `new`, first seen
/// now; baseline findings left unpaired are `fixed`. Every finding of this scan takes part, set aside or not, so
/// a finding that is now ignored is never reported as fixed. Passed checks are not findings and take no part.
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

    public init(path: String, createdAt: Date?, entries: [Entry]) {
        self.path = path
        self.createdAt = createdAt
        self.entries = entries.filter { Baseline.takesPart($0.finding) }
    }

    /// Whether a finding is compared: every finding but a passed check.
    public static func takesPart(_ finding: Finding) -> Bool {
        if case .misconfiguration(let check) = finding, check.status == .pass { return false }
        return true
    }

    /// The baseline state of every finding of `targets` (in their order; `nil` for passed checks), and the
    /// baseline findings that are gone. `scanTime` is this scan's time: new findings are first seen then.
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
                where pairing[targetIndex][findingIndex] == nil && Baseline.takesPart(finding) {
                    pairing[targetIndex][findingIndex] = pair(
                        finding, in: target, byKey: byKey, consumed: &consumed, samePathOnly: samePathOnly)
                }
            }
        }
        let now = PolicyDate.timestamp(scanTime)
        let states: [[BaselineState?]] = targets.indices.map { targetIndex in
            targets[targetIndex].findings.indices.map { findingIndex in
                guard Baseline.takesPart(targets[targetIndex].findings[findingIndex]) else { return nil }
                guard let entryIndex = pairing[targetIndex][findingIndex] else {
                    return BaselineState(status: .new, firstSeen: now)
                }
                let seen = entries[entryIndex].firstSeen ?? createdAt
                return BaselineState(status: .existing, firstSeen: seen.map(PolicyDate.timestamp))
            }
        }
        let fixed = entries.indices.filter { !consumed.contains($0) }.map { index in
            FixedFinding(entries[index], firstSeen: (entries[index].firstSeen ?? createdAt).map(PolicyDate.timestamp))
        }
        var byFinding: [FindingKey: BaselineState] = [:]
        for (target, targetStates) in zip(targets, states) {
            for (finding, state) in zip(target.findings, targetStates) {
                guard let state else { continue }
                let key = FindingKey(finding, targetName: target.name)
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
    /// The same states by finding, for ``state(for:)``.
    var byFinding: [FindingKey: BaselineState]
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

/// A finding of the baseline that is gone from this scan, as reports show it.
public struct FixedFinding: Sendable, Hashable {
    public var targetName: String
    public var targetKind: TargetKind
    public var kind: FindingKind
    /// The finding's ID (CVE, check ID, secret rule, license).
    public var id: String
    public var severity: Severity
    /// The package's name, purl and installed version as the baseline recorded them, for findings in a package.
    public var packageName: String?
    public var purl: String?
    public var installedVersion: String?
    /// The file the finding was in, when it names one (not for OS packages: their package database).
    public var filePath: String?
    /// When it was first seen, RFC 3339.
    public var firstSeen: String?

    public init(
        targetName: String, targetKind: TargetKind, kind: FindingKind, id: String, severity: Severity,
        packageName: String? = nil, purl: String? = nil, installedVersion: String? = nil, filePath: String? = nil,
        firstSeen: String? = nil
    ) {
        self.targetName = targetName
        self.targetKind = targetKind
        self.kind = kind
        self.id = id
        self.severity = severity
        self.packageName = packageName
        self.purl = purl
        self.installedVersion = installedVersion
        self.filePath = filePath
        self.firstSeen = firstSeen
    }

    /// The baseline's `entry`, first seen at `firstSeen`.
    public init(_ entry: Baseline.Entry, firstSeen: String?) {
        let finding = entry.finding
        self.init(
            targetName: entry.targetName, targetKind: entry.targetKind, kind: finding.kind, id: finding.id,
            severity: finding.severity, packageName: finding.package?.name, purl: finding.package?.purl,
            installedVersion: finding.package?.version,
            filePath: entry.targetKind == .osPackages ? nil : finding.filePath, firstSeen: firstSeen)
    }
}
