import DrydockModel
import DrydockPolicy

/// Trivy's `ExperimentalModifiedFindings`: findings set aside by an ignore file, a VEX statement, an exception
/// or a policy rule, kept in the report with why (`Status`, `Statement`, `Source`) and Drydock's `Decision`.
///
/// Trivy writes them only with `--show-suppressed`; Drydock always writes them, because the report is the
/// record of every decision (`policy diff` and `--baseline` read them back). Findings hidden by `--severity`,
/// `--ignore-status` or `--ignore-unfixed` are left out, as Trivy leaves them out: those flags only choose
/// what is displayed.
enum ModifiedFindings {
    /// The entries of one result, rendering each finding with `render` (the writer's own finding object).
    static func json(_ target: DecidedTarget, render: (VulnerabilityFinding, Decision) -> JSONValue) -> JSONValue {
        .array(
            target.findings.compactMap { decided in
                guard isModified(decided.decision), let vulnerability = decided.finding.vulnerability else {
                    return nil
                }
                return entry(decided.decision, type: "vulnerability", finding: render(vulnerability, decided.decision))
            })
    }

    /// Trivy's `Source` of an entry: the file of the rule that set the finding aside.
    static func source(_ decision: Decision) -> String {
        decision.rule.location?.file ?? decision.rule.source.rawValue
    }

    /// Whether a decision sets its finding aside for a reason the report must keep.
    static func isModified(_ decision: Decision) -> Bool {
        decision.action == .ignore && decision.rule.source != .flag
    }

    static func entry(_ decision: Decision, type: String, finding: JSONValue) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Type", .string(type))
        object.add("Status", .string(status(decision)))
        object.add("Statement", .string(statement(decision)))
        object.add("Source", .string(source(decision)))
        object.add("Finding", finding)
        return object.value
    }

    /// Trivy's finding status: the VEX status for VEX statements, `ignored` for everything else.
    static func status(_ decision: Decision) -> String {
        if decision.rule.source == .vex, let vex = decision.vex { return vex.status }
        return "ignored"
    }

    /// Trivy's statement: a VEX justification, an ignore entry's statement, an exception's reason.
    static func statement(_ decision: Decision) -> String {
        switch decision.rule.source {
        case .vex: decision.vex?.justification ?? decision.vex?.statement ?? ""
        default: decision.rule.description
        }
    }
}
