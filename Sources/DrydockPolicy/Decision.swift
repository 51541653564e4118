import DrydockModel

/// What the gate decided for one finding, which rule decided it, and the facts that qualified it.
///
/// Every finding gets exactly one decision. Writers show it as it is and never recompute it.
public struct Decision: Sendable, Hashable, Codable {
    /// What happens to the finding.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// Reported, and fails the gate (unless the policy is in audit mode).
        case fail
        /// Reported, does not fail the gate.
        case warn
        /// Set aside: not in the report's findings, kept in the evidence log.
        case ignore
    }

    public var action: Action
    /// The rule, exception, ignore-file entry, VEX statement or flag that decided.
    public var rule: DecisionRule
    /// The VEX statement that applies to the finding, when one does (even when it did not decide).
    public var vex: VEXAssessment?
    /// Where the finding stands against a baseline report, when one was given.
    public var baseline: BaselineState?
    /// Other facts worth knowing about the decision (an exception that expired, a shadowing rule).
    public var notes: [String]

    public init(
        action: Action, rule: DecisionRule, vex: VEXAssessment? = nil, baseline: BaselineState? = nil,
        notes: [String] = []
    ) {
        self.action = action
        self.rule = rule
        self.vex = vex
        self.baseline = baseline
        self.notes = notes
    }

    /// A decision taken by a command-line flag or built-in behaviour, described by `reason`.
    public static func fail(_ reason: String, source: DecisionRule.Source = .flag) -> Decision {
        Decision(action: .fail, rule: DecisionRule(source: source, description: reason))
    }

    /// A warn decision taken by a flag or built-in behaviour.
    public static func warn(_ reason: String, source: DecisionRule.Source = .flag) -> Decision {
        Decision(action: .warn, rule: DecisionRule(source: source, description: reason))
    }

    /// An ignore decision taken by a flag or built-in behaviour.
    public static func ignore(_ reason: String, source: DecisionRule.Source = .flag) -> Decision {
        Decision(action: .ignore, rule: DecisionRule(source: source, description: reason))
    }

    /// Whether the finding is shown in reports.
    public var isReported: Bool { action != .ignore }
}

/// The rule that produced a decision: what kind of rule, which one, and where it is written.
public struct DecisionRule: Sendable, Hashable, Codable {
    /// Where rules come from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// A command-line flag (`--severity`, `--ignore-unfixed`, `--exit-code`).
        case flag
        /// A rule of the policy file (`--policy`).
        case policy
        /// The built-in default policy.
        case defaultPolicy = "default-policy"
        /// An exception of the policy file (owner, reason, expiry).
        case exception
        /// An entry of `.trivyignore` / `.trivyignore.yaml` (`--ignorefile`).
        case ignoreFile = "ignore-file"
        /// An inline ignore comment in the scanned file (`# trivy:ignore:ID`).
        case inline
        /// A VEX statement (`--vex`).
        case vex
        /// A baseline or SLA rule (`--baseline`).
        case baseline
    }

    public var source: Source
    /// The rule's name or ID, when it has one (`critical-fixable`, the exception's ID).
    public var id: String?
    /// What the rule says, in words (`severity CRITICAL and a fix is available`).
    public var description: String
    /// Where the rule is written, when it is written in a file.
    public var location: SourceLocation?
    /// Who answers for an exception (policy exceptions; `nil` for rules and ignore-file entries).
    public var owner: String?
    /// When an exception or ignore-file entry stops applying, as `YYYY-MM-DD` or an RFC 3339 time.
    public var expires: String?

    public init(
        source: Source, id: String? = nil, description: String, location: SourceLocation? = nil,
        owner: String? = nil, expires: String? = nil
    ) {
        self.source = source
        self.id = id
        self.description = description
        self.location = location
        self.owner = owner
        self.expires = expires
    }
}

/// A place in a file: the file and, when known, the 1-based line.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `file:line`, or `file`.
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// A VEX statement as it applies to one finding.
public struct VEXAssessment: Sendable, Hashable, Codable {
    /// The VEX status, in OpenVEX's words (`not_affected`, `affected`, `fixed`, `under_investigation`).
    public var status: String
    /// The `not_affected` justification (`vulnerable_code_not_present`, …), when given.
    public var justification: String?
    /// The statement's impact statement or detail text, when given.
    public var statement: String?
    /// The document and place the statement comes from.
    public var location: SourceLocation

    public init(status: String, justification: String? = nil, statement: String? = nil, location: SourceLocation) {
        self.status = status
        self.justification = justification
        self.statement = statement
        self.location = location
    }
}

/// Where a finding stands against a baseline report.
public struct BaselineState: Sendable, Hashable, Codable {
    /// `new` (not in the baseline), `existing` (in it) or `fixed` (in it, gone now).
    public enum Status: String, Sendable, Hashable, Codable {
        case new
        case existing
        case fixed
    }

    public var status: Status
    /// The first scan that saw the finding, as `YYYY-MM-DD` or an RFC 3339 time.
    public var firstSeen: String?

    public init(status: Status, firstSeen: String? = nil) {
        self.status = status
        self.firstSeen = firstSeen
    }
}

/// A finding with the gate's decision for it.
public struct DecidedFinding: Sendable, Hashable {
    public var finding: Finding
    public var decision: Decision

    public init(finding: Finding, decision: Decision) {
        self.finding = finding
        self.decision = decision
    }
}
