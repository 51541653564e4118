/// Answers whether a VEX statement applies to a finding (`--vex`).
///
/// The gate asks once per finding. `not_affected` and `fixed` set the finding aside (`ignore`, with the
/// statement as the deciding rule, `DecisionRule.Source.vex`); `affected` and `under_investigation` leave the
/// decision to the policy and are recorded on the decision (`Decision.vex`).
public protocol VEXAssessor: Sendable {
    /// The statement that applies to the finding, or `nil` when no document speaks about it.
    func assessment(for context: FindingContext) -> VEXAssessment?
}

/// No VEX documents: no finding has a statement.
public struct NoVEX: VEXAssessor {
    public init() {}

    public func assessment(for context: FindingContext) -> VEXAssessment? { nil }
}
