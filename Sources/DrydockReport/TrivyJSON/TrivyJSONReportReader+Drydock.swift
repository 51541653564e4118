import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation

/// The `Drydock` object's members read back (the verdict is ``VerdictJSON``'s).
extension TrivyJSONReportReader {
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
        coverage.coveredNamespaces = os["Namespaces"]?.stringArray ?? []
        coverage.feeds = os["Feeds"]?.stringArray ?? []
        return coverage
    }
}
