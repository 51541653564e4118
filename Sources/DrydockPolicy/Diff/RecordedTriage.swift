import DrydockModel

/// The VEX statements and baseline states a saved report recorded on its decisions, replayed when the report
/// is decided again (`drydock policy diff`): re-deciding must not lose a VEX statement or a first-seen date
/// that only the original scan had.
public struct RecordedTriage: VEXAssessor, BaselineIndex {
    private var statements: [FindingKey: VEXAssessment] = [:]
    private var states: [FindingKey: BaselineState] = [:]

    /// The VEX statements and baseline states recorded on the decisions of `targets`.
    public init(_ targets: [DecidedTarget]) {
        for target in targets {
            for decided in target.findings {
                let key = FindingKey(decided.finding, targetName: target.name)
                if let vex = decided.decision.vex { statements[key] = vex }
                if let baseline = decided.decision.baseline { states[key] = baseline }
            }
        }
    }

    public func assessment(for context: FindingContext) -> VEXAssessment? {
        statements[FindingKey(context)]
    }

    public func state(for context: FindingContext) -> BaselineState? {
        states[FindingKey(context)]
    }
}
