import DrydockModel
import DrydockPolicy

/// Trivy's `ExperimentalModifiedFindings`: findings set aside by an ignore file, a VEX statement, an exception
/// or a policy rule, kept in the report with why (`Type`, `Status`, `Statement`, `Source`, `Finding`, in Trivy's
/// order) and, inside `Finding`, Drydock's `Decision`.
///
/// Trivy's JSON writer keeps them only with `--show-suppressed`; Drydock always writes them, for every kind of
/// finding, because the report is the record of every decision (`convert`, `policy diff` and `--baseline` read
/// them back), and `--show-suppressed` only adds the table's suppressed sections. Findings hidden by `--severity`, `--ignore-status` or
/// `--ignore-unfixed` are left out, as Trivy leaves them out: those flags choose what is looked at at all.
/// Licenses set aside by `--ignored-licenses` are kept, as Trivy keeps them (`Source: "--ignored-licenses"`).
enum ModifiedFindings {
    /// Whether a decision sets its finding aside for a reason the report must keep: a rule written down
    /// somewhere, or `--ignored-licenses` (Trivy lists the licenses it sets aside, with the flag as `Source`).
    static func isModified(_ decision: Decision) -> Bool {
        decision.action == .ignore && (decision.rule.source != .flag || isIgnoredLicense(decision))
    }

    /// Whether `--ignored-licenses` took the decision.
    static func isIgnoredLicense(_ decision: Decision) -> Bool {
        decision.rule.source == .flag && decision.rule.id == Gate.ignoredLicensesRule
    }

    /// Trivy's `Status`: the VEX status when a VEX statement set the finding aside, `ignored` otherwise.
    static func status(_ decision: Decision) -> String {
        if decision.rule.source == .vex, let vex = decision.vex { return vex.status }
        return "ignored"
    }

    /// Trivy's `Statement`: a VEX statement's justification (as Trivy fills it from OpenVEX and CycloneDX), an
    /// ignore entry's `statement`, an exception's reason, a policy rule's description. Empty when there is none.
    static func statement(_ decision: Decision) -> String {
        if isIgnoredLicense(decision) { return "" }
        return switch decision.rule.source {
        case .vex: decision.vex?.justification ?? decision.vex?.statement ?? ""
        default: decision.rule.description
        }
    }

    /// Trivy's `Source`: the file of the rule, entry or statement that set the finding aside.
    static func source(_ decision: Decision) -> String {
        if isIgnoredLicense(decision) { return Gate.ignoredLicensesRule }
        return decision.rule.location?.file ?? decision.vex?.location.file ?? decision.rule.source.rawValue
    }

    /// The decision for an entry of a report that recorded none (Trivy's): rebuilt from `Status`, `Statement`
    /// and `Source`. A VEX status keeps its statement, so deciding the report again keeps the finding aside.
    static func decision(forTrivyEntry entry: JSONValue) -> Decision {
        let status = entry["Status"]?.stringValue ?? "ignored"
        let statement = entry["Statement"]?.stringValue ?? ""
        if entry["Source"]?.stringValue == Gate.ignoredLicensesRule {
            let name = entry["Finding"]?["Name"]?.stringValue ?? ""
            return Decision(
                action: .ignore,
                rule: DecisionRule(
                    source: .flag, id: Gate.ignoredLicensesRule, description: "license \(name) is in --ignored-licenses"
                ))
        }
        let source = DecisionJSON.location(entry["Source"]?.stringValue ?? "")
        guard status != "ignored" else {
            return Decision(
                action: .ignore, rule: DecisionRule(source: .ignoreFile, description: statement, location: source))
        }
        let vex = VEXAssessment(status: status, justification: statement.isEmpty ? nil : statement, location: source)
        return Decision(
            action: .ignore, rule: DecisionRule(source: .vex, description: "VEX: \(status)", location: source),
            vex: vex)
    }
}

extension ResultContext {
    /// Trivy's `ModifiedFinding` for a finding set aside by a rule written down somewhere, or `nil` for a
    /// finding that is reported or left out by a flag.
    func modifiedFinding(_ decided: DecidedFinding, target: DecidedTarget) -> JSONValue? {
        let decision = decided.decision
        guard ModifiedFindings.isModified(decision) else { return nil }
        var object = JSONObjectBuilder()
        object.add("Type", .string(decided.finding.kind.rawValue))
        object.add("Status", .string(ModifiedFindings.status(decision)))
        // Trivy's `Statement` and `Source` have no `omitempty`: written even when empty.
        object.add("Statement", .string(ModifiedFindings.statement(decision)))
        object.add("Source", .string(ModifiedFindings.source(decision)))
        object.add("Finding", self.decided(decided, target: target))
        return object.value
    }
}
