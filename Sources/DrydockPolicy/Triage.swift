import DrydockModel
import Foundation

/// The triage inputs of a scan — VEX documents (`--vex`) and a baseline report (`--baseline`) — applied to the
/// gate's decisions.
///
/// VEX: a finding a `not_affected` or `fixed` statement applies to is set aside (`ignore`, rule source `vex`,
/// the statement's file, line and JSON path), whatever the policy would have done with it — that decision is
/// kept in the notes; an `affected` or `under_investigation` statement is attached to the decision as a fact
/// and changes nothing. A finding already set aside by a flag keeps that decision, with the VEX assessment
/// attached. Baseline: every decision gets the finding's baseline state (new or existing, first seen).
public struct Triage: Sendable {
    public var vex: VEXIndex?
    public var baseline: Baseline?

    public init(vex: VEXIndex? = nil, baseline: Baseline? = nil) {
        self.vex = vex
        self.baseline = baseline
    }

    /// Whether there is nothing to apply.
    public var isEmpty: Bool { (vex?.isEmpty ?? true) && baseline == nil }

    /// The gate's hooks for `targets` (found before the gate): the VEX statement and the baseline state of
    /// every finding, and the baseline's fixed findings. `scanTime` is when new findings are first seen.
    public func prepare(_ targets: [DetectedTarget], context: VEXScanContext, scanTime: Date) -> Prepared {
        Prepared(
            vex: vex.map { ScanVEXAssessments($0, targets: targets, context: context) },
            baseline: baseline?.compare(targets, scanTime: scanTime))
    }

    /// The triage answers for one scan.
    public struct Prepared: Sendable {
        /// The VEX hook (`nil` without `--vex`).
        public var vex: ScanVEXAssessments?
        /// The baseline hook and comparison (`nil` without `--baseline`).
        public var baseline: BaselineResult?
    }

    /// The decided targets with VEX and baseline applied, and the baseline comparison (fixed findings).
    ///
    /// For a gate that does not take the hooks itself: a gate that does is given ``prepare(_:context:scanTime:)``'s
    /// hooks instead, and this step is not needed.
    public func apply(to targets: [DecidedTarget], context: VEXScanContext, scanTime: Date) -> (
        targets: [DecidedTarget], baseline: BaselineComparison?
    ) {
        guard !isEmpty else { return (targets, nil) }
        let prepared = prepare(targets.map(\.detected), context: context, scanTime: scanTime)
        var result = targets
        for targetIndex in result.indices {
            let detected = result[targetIndex].detected
            for findingIndex in result[targetIndex].findings.indices {
                var decision = result[targetIndex].findings[findingIndex].decision
                let context = FindingContext(detected.findings[findingIndex], in: detected, artifact: nil)
                if let match = prepared.vex?.match(for: context) {
                    decision = Triage.applying(match, to: decision)
                }
                if let state = prepared.baseline?.states[targetIndex][findingIndex] { decision.baseline = state }
                result[targetIndex].findings[findingIndex].decision = decision
            }
        }
        return (result, prepared.baseline?.comparison)
    }

    /// `decision` with the VEX statement `match` applied.
    public static func applying(_ match: VEXMatch, to decision: Decision) -> Decision {
        var decided = decision
        decided.vex = match.assessment
        guard match.statement.status.setsAside, decision.action != .ignore else { return decided }
        decided.action = .ignore
        decided.rule = rule(for: match)
        decided.notes.append(
            "without the VEX statement: \(decision.action.rawValue) (\(decision.rule.source.rawValue): "
                + "\(decision.rule.description))")
        return decided
    }

    /// The rule a VEX statement is as a decision: `VEX not_affected (vulnerable_code_not_present): …`.
    static func rule(for match: VEXMatch) -> DecisionRule {
        let statement = match.statement
        var description = "\(match.format.rawValue) statement: \(statement.status.rawValue)"
        if let justification = statement.justification { description += " (\(justification))" }
        if let reason = statement.impactStatement ?? statement.statusNotes { description += ": \(reason)" }
        return DecisionRule(source: .vex, id: statement.path, description: description, location: match.location)
    }
}
