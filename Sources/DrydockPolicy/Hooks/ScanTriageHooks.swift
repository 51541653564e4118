import DrydockModel

/// The VEX statements that apply to a scan's findings, worked out once for all targets (the product graph needs
/// a target's packages, which a ``FindingContext`` does not carry): the gate's ``VEXAssessor``.
public struct ScanVEXAssessments: VEXAssessor {
    private let matches: [FindingKey: VEXMatch]

    /// The statements of `index` that apply to each finding of `targets`.
    public init(_ index: VEXIndex, targets: [DetectedTarget], context: VEXScanContext) {
        var matches: [FindingKey: VEXMatch] = [:]
        for (target, found) in zip(targets, index.matches(targets, context: context)) {
            for (finding, match) in zip(target.findings, found) {
                guard let match else { continue }
                let key = FindingKey(finding, targetName: target.name)
                if matches[key] == nil { matches[key] = match }
            }
        }
        self.matches = matches
    }

    /// The statement that applies to the finding, with its document.
    public func match(for context: FindingContext) -> VEXMatch? {
        matches[FindingKey(context)]
    }

    public func assessment(for context: FindingContext) -> VEXAssessment? {
        match(for: context)?.assessment
    }
}

extension BaselineResult: BaselineIndex {
    /// The finding's state: `new` or `existing` with its first-seen time; `nil` for findings the baseline
    /// cannot hold (kinds it does not record) and for findings of targets that were not compared.
    public func state(for context: FindingContext) -> BaselineState? {
        byFinding[FindingKey(context)]
    }
}
