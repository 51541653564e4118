/// Answers where a finding stands against a previous report (`--baseline`): new or existing, and since when
/// it has been seen.
///
/// Policy rules read the answer through the `baseline` condition (new / existing) and the `openDays` condition
/// (days since first seen: the SLA conditions). Without a baseline every finding is new and first seen today.
public protocol BaselineIndex: Sendable {
    /// The finding's state, or `nil` when the index knows nothing about it (treated as new, first seen now).
    func state(for context: FindingContext) -> BaselineState?
}

/// No baseline: every finding is new.
public struct NoBaseline: BaselineIndex {
    public init() {}

    public func state(for context: FindingContext) -> BaselineState? { nil }
}
