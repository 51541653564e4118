import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation

/// One result as read: the target before the gate, how many of its findings were reported, and the findings
/// that were set aside (`ExperimentalModifiedFindings`) with the rule that did it.
struct SavedResult {
    var target: DetectedTarget
    /// The first `reportedCount` findings of `target` were reported; the rest are `modified`.
    var reportedCount: Int
    var modified: [DecidedFinding]
}

extension TrivyJSONReportReader {
    /// The decisions as the report records them: set-aside findings keep the rule that set them aside; a
    /// reported finding failed the gate when the saved verdict says every reported finding failed, else it
    /// warned. (A report that mixes both is read as all warnings, with the saved verdict kept as it was.)
    static func decide(_ results: [SavedResult], verdict: Verdict?, path: String) -> [DecidedTarget] {
        let reported = results.reduce(0) { $0 + $1.reportedCount }
        let failing = verdict.map { $0.failingCount > 0 && $0.failingCount == reported } ?? false
        let rule = DecisionRule(source: .flag, description: "as decided when \(path) was written")
        let decision = Decision(action: failing ? .fail : .warn, rule: rule)
        return results.map { result in
            let shown = result.target.findings.prefix(result.reportedCount).map {
                DecidedFinding(finding: $0, decision: decision)
            }
            return DecidedTarget(result.target, findings: shown + result.modified)
        }
    }

    static func readVerdict(_ drydock: JSONValue) -> Verdict? {
        guard let verdict = drydock["Verdict"] else { return nil }
        return Verdict(
            failingCount: verdict["FailingFindings"]?.intValue ?? 0,
            exitCode: Int32(clamping: verdict["ExitCode"]?.intValue ?? 0),
            coverageFailures: drydock["GateFailures"]?.stringArray ?? [])
    }

    static func readDatabase(_ value: JSONValue) -> DatabaseSummary? {
        guard let schema = value["SchemaVersion"]?.intValue else { return nil }
        return DatabaseSummary(
            path: "", schemaVersion: schema, builtAt: value["BuiltAt"]?.stringValue.flatMap(parseTimestamp),
            digest: value["Digest"]?.stringValue, nextUpdate: value["NextUpdate"]?.stringValue.flatMap(parseTimestamp))
    }

    static func readTargetCoverage(_ value: JSONValue) -> TargetCoverage {
        TargetCoverage(
            namespaces: value["Namespaces"]?.stringArray ?? [],
            uncoveredNamespaces: value["UncoveredNamespaces"]?.stringArray ?? [],
            unmatchable: (value["Unmatchable"]?.arrayValue ?? []).map { entry in
                UnmatchablePackage(
                    packageID: entry["PkgID"]?.stringValue ?? "", reason: entry["Reason"]?.stringValue ?? "",
                    kind: entry["Kind"]?.stringValue.flatMap(UnmatchableReason.init(rawValue:)) ?? .other)
            },
            uncoveredPackageCount: value["UncoveredPackages"]?.intValue ?? 0)
    }

    /// The `Drydock.Coverage` object back into the value ``CoverageSection`` wrote it from.
    static func readScanCoverage(_ value: JSONValue) -> ScanCoverage? {
        guard let os = value["OS"], let state = os["State"]?.stringValue.flatMap(OSCoverageState.init(rawValue:))
        else { return nil }
        var system: OperatingSystem?
        if let family = os["Family"]?.stringValue, let name = os["Name"]?.stringValue {
            system = OperatingSystem(
                family: OSFamily(rawValue: family) ?? .unknown, version: name, id: os["ID"]?.stringValue)
        }
        var support: ReleaseSupport?
        if let lifecycle = value["Support"], let release = lifecycle["Release"]?.stringValue,
            let phase = lifecycle["Phase"]?.stringValue.flatMap(SupportPhase.init(rawValue:)),
            let standardEnd = lifecycle["StandardEnd"]?.stringValue, let day = lifecycle["JudgedOn"]?.stringValue
        {
            let parts = release.split(separator: " ", maxSplits: 1).map(String.init)
            let summary = lifecycle["Summary"]?.stringValue ?? ""
            support = ReleaseSupport(
                lifecycle: ReleaseLifecycle(
                    id: parts.first ?? release, release: parts.count > 1 ? parts[1] : "", standardEnd: standardEnd,
                    extendedEnd: lifecycle["ExtendedEnd"]?.stringValue,
                    extendedProgram: lifecycle["ExtendedProgram"]?.stringValue,
                    extendedNeedsSubscription: !summary.contains(" through ")),
                phase: phase, day: day)
        }
        var unchecked: [UnmatchableReason: Int] = [:]
        for (reason, count) in value["Unchecked"]?.objectMembers ?? [] {
            if let kind = UnmatchableReason(rawValue: reason), let number = count.intValue { unchecked[kind] = number }
        }
        var coverage = ScanCoverage(
            operatingSystem: system, osState: state, osNamespace: os["Namespace"]?.stringValue, support: support,
            uncheckedByReason: unchecked)
        coverage.osFeeds = os["Feeds"]?.stringArray ?? []
        return coverage
    }
}
