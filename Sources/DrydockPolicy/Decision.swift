import DrydockModel

/// What the gate decided for one finding, and which rule decided it.
public enum Decision: Sendable, Hashable {
    /// Reported and fails the gate (`--exit-code` is set).
    case fail(rule: String)
    /// Reported, does not fail the gate.
    case warn(rule: String)
    /// Not reported: a rule set it aside.
    case ignored(rule: String)

    /// Whether the finding is shown in reports.
    public var isReported: Bool {
        switch self {
        case .fail, .warn: true
        case .ignored: false
        }
    }

    /// The rule that produced the decision, in words.
    public var rule: String {
        switch self {
        case .fail(let rule), .warn(let rule), .ignored(let rule): rule
        }
    }
}

/// A finding with the gate's decision for it.
public struct DecidedFinding: Sendable, Hashable {
    public var finding: VulnerabilityFinding
    public var decision: Decision

    public init(finding: VulnerabilityFinding, decision: Decision) {
        self.finding = finding
        self.decision = decision
    }
}
