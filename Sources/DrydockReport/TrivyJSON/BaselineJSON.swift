import DrydockModel
import DrydockPolicy

/// The baseline comparison in the JSON report: the `Drydock.Baseline` object (`--baseline`), written and read
/// back whole. Each finding's own state is its decision's `Baseline` (``DecisionJSON``).
///
/// `Path`, `CreatedAt` (of the baseline report), `New` and `Existing` (reported findings of this scan), `Fixed`,
/// and `FixedFindings`: the baseline's findings that are gone, each with `Target`, `Class`, `Type` (the finding
/// kind), `ID`, `PkgName`, `PkgIdentifier.PURL`, `InstalledVersion`, `FilePath`, `Severity` and `FirstSeen`.
enum BaselineJSON {
    static func json(_ baseline: BaselineComparison, report: ScanReport) -> JSONValue {
        let states = report.targets.flatMap(\.reported).compactMap(\.decision.baseline?.status)
        var object = JSONObjectBuilder()
        object.add("Path", .string(baseline.path))
        if let createdAt = baseline.createdAt {
            object.add("CreatedAt", .string(TrivyJSONReport.timestamp(createdAt, fractional: true)))
        }
        object.add("New", .int(Int64(states.filter { $0 == .new }.count)))
        object.add("Existing", .int(Int64(states.filter { $0 == .existing }.count)))
        object.add("Fixed", .int(Int64(baseline.fixed.count)))
        object.add("FixedFindings", nonEmpty: .array(baseline.fixed.map(json)))
        return object.value
    }

    static func json(_ fixed: FixedFinding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Target", .string(fixed.targetName))
        object.add("Class", .string(fixed.targetKind.rawValue))
        object.add("Type", .string(fixed.kind.rawValue))
        object.add("ID", .string(fixed.id))
        object.add("PkgName", string: fixed.packageName)
        if let purl = fixed.purl { object.add("PkgIdentifier", .object([("PURL", .string(purl))])) }
        object.add("InstalledVersion", string: fixed.installedVersion)
        object.add("FilePath", string: fixed.filePath)
        object.add("Severity", .string(fixed.severity.rawValue))
        object.add("FirstSeen", string: fixed.firstSeen)
        return object.value
    }

    /// The comparison in a report's `Drydock.Baseline`, or `nil` when it has none.
    static func read(_ value: JSONValue) -> BaselineComparison? {
        guard let path = value["Path"]?.stringValue else { return nil }
        let fixed: [FixedFinding] = (value["FixedFindings"]?.arrayValue ?? []).compactMap { entry in
            guard let target = entry["Target"]?.stringValue, let id = entry["ID"]?.stringValue,
                let kind = entry["Type"]?.stringValue.flatMap(FindingKind.init(rawValue:))
            else { return nil }
            return FixedFinding(
                targetName: target,
                targetKind: entry["Class"]?.stringValue.flatMap(TargetKind.init(rawValue:)) ?? .languagePackages,
                kind: kind, id: id,
                severity: entry["Severity"]?.stringValue.flatMap(Severity.init(rawValue:)) ?? .unknown,
                packageName: entry["PkgName"]?.stringValue, purl: entry["PkgIdentifier"]?["PURL"]?.stringValue,
                installedVersion: entry["InstalledVersion"]?.stringValue, filePath: entry["FilePath"]?.stringValue,
                firstSeen: entry["FirstSeen"]?.stringValue)
        }
        return BaselineComparison(
            path: path, createdAt: value["CreatedAt"]?.stringValue.flatMap(TrivyJSONReportReader.parseTimestamp),
            fixed: fixed)
    }
}
