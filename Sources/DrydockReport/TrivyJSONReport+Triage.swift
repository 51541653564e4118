import DrydockModel
import DrydockPolicy
import Foundation

/// Triage facts in the JSON report: first-seen times, baseline status, VEX assessments, set-aside findings and
/// the baseline's fixed findings. All are added fields; Trivy's fields keep their meaning.
extension TrivyJSONReport {
    /// Per vulnerability: `FirstSeen` (always: the baseline's first-seen time, else this scan's time, so this
    /// report can be the next scan's baseline), `BaselineStatus` (`new` or `existing`, with `--baseline`), and
    /// `VEX` when a statement applies.
    func addTriageFacts(_ decision: Decision?, createdAt: Date, to object: inout JSONObjectBuilder) {
        let firstSeen = decision?.baseline?.firstSeen ?? TrivyJSONReport.timestamp(createdAt, fractional: false)
        object.add("FirstSeen", .string(firstSeen))
        if let baseline = decision?.baseline { object.add("BaselineStatus", .string(baseline.status.rawValue)) }
        if let vex = decision?.vex { object.add("VEX", TrivyJSONReport.vex(vex)) }
    }

    /// Trivy's `ExperimentalModifiedFindings`: the vulnerabilities set aside by a triage rule (VEX, ignore file,
    /// policy, exception), with Trivy's `Status` (the VEX status, else `ignored`), `Statement` (the VEX
    /// justification or reason, else the rule's description) and `Source` (the file). Findings left out by
    /// `--severity` or `--ignore-unfixed` are filtered, not triaged, and are not listed, as in Trivy.
    func modifiedFindings(_ target: DecidedTarget, createdAt: Date) -> JSONValue {
        var values: [JSONValue] = []
        for decided in target.findings where decided.decision.action == .ignore {
            let decision = decided.decision
            guard decision.rule.source != .flag, let finding = decided.finding.vulnerability else { continue }
            var object = JSONObjectBuilder()
            object.add("Type", .string("vulnerability"))
            if decision.rule.source == .vex, let vex = decision.vex {
                object.add("Status", .string(vex.status))
                object.add("Statement", .string(vex.justification ?? vex.statement ?? decision.rule.description))
                object.add("Source", .string(vex.location.file))
            } else {
                object.add("Status", .string("ignored"))
                object.add("Statement", .string(decision.rule.description))
                object.add("Source", .string(decision.rule.location?.description ?? decision.rule.source.rawValue))
            }
            object.add("Finding", vulnerability(finding, decision: decision, createdAt: createdAt))
            values.append(object.value)
        }
        return .array(values)
    }

    /// `Drydock.Baseline`: the baseline report, how many reported findings are new and existing, and the
    /// baseline's findings that are gone (`FixedFindings`).
    func baselineSection(_ baseline: BaselineComparison, report: ScanReport) -> JSONValue {
        let states = report.targets.flatMap(\.reported).compactMap(\.decision.baseline?.status)
        var object = JSONObjectBuilder()
        object.add("Path", .string(baseline.path))
        if let createdAt = baseline.createdAt {
            object.add("CreatedAt", .string(TrivyJSONReport.timestamp(createdAt, fractional: false)))
        }
        object.add("New", .int(Int64(states.filter { $0 == .new }.count)))
        object.add("Existing", .int(Int64(states.filter { $0 == .existing }.count)))
        object.add("Fixed", .int(Int64(baseline.fixed.count)))
        object.add("FixedFindings", nonEmpty: .array(baseline.fixed.map(TrivyJSONReport.fixedFinding)))
        return object.value
    }

    static func fixedFinding(_ fixed: FixedFinding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Target", .string(fixed.targetName))
        object.add("Class", .string(fixed.targetKind.rawValue))
        object.add("VulnerabilityID", .string(fixed.finding.id))
        if let package = fixed.finding.package {
            object.add("PkgName", .string(package.name))
            if let purl = package.purl { object.add("PkgIdentifier", .object([("PURL", .string(purl))])) }
            object.add("InstalledVersion", .string(package.version))
        }
        object.add("Severity", .string(fixed.finding.severity.rawValue))
        object.add("FirstSeen", string: fixed.firstSeen)
        return object.value
    }

    static func vex(_ assessment: VEXAssessment) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Status", .string(assessment.status))
        object.add("Justification", string: assessment.justification)
        object.add("Statement", string: assessment.statement)
        object.add("Source", .string(assessment.location.description))
        return object.value
    }
}
