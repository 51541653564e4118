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
        statements[FindingKey(context.finding, targetName: context.targetName)]
    }

    public func state(for context: FindingContext) -> BaselineState? {
        states[FindingKey(context.finding, targetName: context.targetName)]
    }
}

/// What identifies one finding within a report: its target, kind, ID, package and place.
public struct FindingKey: Sendable, Hashable {
    public var targetName: String
    public var kind: FindingKind
    public var id: String
    /// The package's purl (or name@version), for findings in a package.
    public var package: String?
    /// The file, and for checks the resource and first line.
    public var place: String?

    public init(_ finding: Finding, targetName: String) {
        self.targetName = targetName
        kind = finding.kind
        id = finding.id
        package = finding.package.map { $0.purl ?? $0.id }
        switch finding {
        case .misconfiguration(let check):
            place = "\(check.filePath)#\(check.cause.resource ?? ""):\(check.cause.startLine ?? 0)"
        case .secret(let secret): place = "\(secret.filePath):\(secret.startLine)"
        default: place = finding.filePath
        }
    }
}
