import DrydockMatch
import DrydockModel
import Foundation

/// Applies a ``ScanPolicy``: every finding gets exactly one decision, and the decisions give the verdict.
///
/// The order, for each finding: Trivy's display filters (`--severity`, `--ignore-status` / `--ignore-unfixed`);
/// then, without a policy file, the ignore file, VEX and `--exit-code` exactly as Trivy applies them; with one,
/// VEX, the first matching rule, and the first exception that may override that rule.
public struct Gate: Sendable {
    public let policy: ScanPolicy
    /// The scanned artifact: image name, tags, digests and labels that rules and exceptions may name.
    public let artifact: ArtifactMetadata?
    /// VEX statements (`--vex`); none by default.
    public let vex: any VEXAssessor
    /// Where findings stand against a previous report (`--baseline`); every finding new by default.
    public let baseline: any BaselineIndex
    /// The time decisions are taken at: expiries and day counts are measured from it.
    public let now: Date
    /// The artifact's names and labels, worked out once.
    let artifactFacts: ArtifactFacts
    /// The exceptions and ignore-file entries that still apply at ``now``, in the order they are tried.
    let liveExceptions: [GateException]
    /// Those whose expiry has passed: they only add notes.
    let expiredExceptions: [GateException]

    /// The rule ID of decisions taken by `--ignored-licenses`.
    public static let ignoredLicensesRule = "--ignored-licenses"

    public init(
        policy: ScanPolicy, artifact: ArtifactMetadata? = nil, vex: any VEXAssessor = NoVEX(),
        baseline: any BaselineIndex = NoBaseline(), now: Date = Date()
    ) {
        self.policy = policy
        self.artifact = artifact
        self.vex = vex
        self.baseline = baseline
        self.now = now
        artifactFacts = ArtifactFacts(artifact)
        liveExceptions = policy.exceptions.filter { !$0.isExpired(at: now) }
        expiredExceptions = policy.exceptions.filter { $0.isExpired(at: now) }
    }

    /// Decides every finding of every matched target, in the targets' order.
    public func decide(_ result: MatchResult) -> [DecidedTarget] {
        decide(result.targets.map(DetectedTarget.init(match:)))
    }

    /// Decides every finding of every target, in the targets' order.
    public func decide(_ targets: [DetectedTarget]) -> [DecidedTarget] {
        targets.map { target in
            DecidedTarget(
                target,
                findings: target.findings.map { finding in
                    DecidedFinding(
                        finding: finding, decision: decide(FindingContext(finding, in: target, artifact: artifact)))
                })
        }
    }

    /// The decision for a finding outside any target (tests and tools that decide one finding).
    public func decide(_ finding: Finding) -> Decision {
        decide(FindingContext(finding: finding, targetName: "", targetKind: .languagePackages, targetType: ""))
    }

    /// The decision for one finding in its context.
    public func decide(_ context: FindingContext) -> Decision {
        if let filtered = displayFilter(context.finding) { return filtered }
        let assessment = vex.assessment(for: context)
        let state = baseline.state(for: context)
        var decision: Decision
        if let document = policy.document {
            if let assessment, let suppressed = Gate.vexDecision(assessment) {
                decision = suppressed
            } else {
                decision = decideByPolicy(document, context: context, facts: facts(context, baseline: state))
            }
        } else {
            decision = decideAsTrivy(context, assessment: assessment)
        }
        decision.vex = assessment
        decision.baseline = state
        return decision
    }

    /// The facts rules test for `context`, as of ``now``.
    public func facts(_ context: FindingContext, baseline state: BaselineState?) -> FindingFacts {
        FindingFacts(context, baseline: state, artifact: artifactFacts, now: now)
    }

    /// `--severity`, `--ignored-licenses` and `--ignore-status` / `--ignore-unfixed`: findings Trivy never shows
    /// (licenses set aside by `--ignored-licenses` it lists among the modified findings); and passed checks
    /// (listed only with `--include-non-failures`), which are shown but never fail the gate.
    private func displayFilter(_ finding: Finding) -> Decision? {
        let severity = finding.severity
        if !policy.severities.contains(severity) {
            let allowed = Severity.allCases.filter(policy.severities.contains).map(\.rawValue).joined(separator: ",")
            return .ignore("severity \(severity.rawValue) is not in --severity \(allowed)")
        }
        if case .misconfiguration(let check) = finding, check.status == .pass {
            return .warn("the check passed (listed with --include-non-failures; passed checks never fail the gate)")
        }
        if let license = finding.license, policy.ignoredLicenses.contains(license.name) {
            // Trivy lists these among the modified findings, with `--ignored-licenses` as their source.
            return Decision(
                action: .ignore,
                rule: DecisionRule(
                    source: .flag, id: Gate.ignoredLicensesRule,
                    description: "license \(license.name) is in --ignored-licenses"))
        }
        if let vulnerability = finding.vulnerability, policy.effectiveIgnoredStatuses.contains(vulnerability.status) {
            if policy.ignoreStatuses.isEmpty { return .ignore("--ignore-unfixed: no fixed version is available") }
            return .ignore("status \(vulnerability.status.rawValue) is in --ignore-status")
        }
        return nil
    }

    /// Trivy's behaviour: the ignore file (then exceptions shared by a server), then VEX, then `--exit-code` fails every reported finding.
    private func decideAsTrivy(_ context: FindingContext, assessment: VEXAssessment?) -> Decision {
        var notes = expiredNotes(context, facts: nil)
        if let entry = policy.ignoreFile?.match(context, at: now) {
            var decision = Decision(action: .ignore, rule: GateException.ignoreFile(entry).decisionRule)
            decision.notes = notes
            return decision
        }
        if let shared = sharedException(context) { return shared.with(notes: notes) }
        let (inline, inlineNote) = inlineIgnore(context.finding)
        if var inline {
            inline.notes = notes
            return inline
        }
        if let inlineNote { notes.append(inlineNote) }
        if let assessment, let suppressed = Gate.vexDecision(assessment) { return suppressed }
        let kind = context.finding.kind.rawValue
        var decision: Decision =
            policy.failureExitCode != 0
            ? .fail("--exit-code \(policy.failureExitCode): every reported finding fails the gate (reported \(kind))")
            : .warn("reported; no --exit-code or --policy set, so nothing fails the gate")
        notes += decision.notes
        decision.notes = notes
        return decision
    }

    /// The first matching rule decides; the first live exception that names the finding may override it,
    /// unless the rule is `noExceptions` or the exception is broad and the rule fails the finding.
    private func decideByPolicy(_ document: PolicyDocument, context: FindingContext, facts: FindingFacts)
        -> Decision
    {
        var decision: Decision
        let rule = document.rules.first { $0.matches(facts) }
        if let rule {
            decision = Decision(action: rule.action, rule: rule.decisionRule)
            if document.isBuiltIn { decision.rule.source = .defaultPolicy }
        } else {
            decision = Decision(
                action: document.defaultAction,
                rule: DecisionRule(
                    source: document.isBuiltIn ? .defaultPolicy : .policy, id: "defaultAction",
                    description: "no rule matched (defaultAction \(document.defaultAction.rawValue))",
                    location: SourceLocation(file: document.path)))
        }
        var notes = expiredNotes(context, facts: facts)
        var excepted = false
        for exception in liveExceptions {
            guard exception.matches(context, facts: facts) else { continue }
            if decision.action == .fail, let rule, rule.noExceptions {
                notes.append(
                    "\(exception.noun) \(exception.label) does not apply: rule '\(rule.name)' (\(rule.location)) "
                        + "allows no exceptions")
                continue
            }
            if decision.action == .fail, exception.isBroad {
                notes.append(
                    "broad \(exception.noun) \(exception.label) does not apply to a failing finding: "
                        + "scope it by purl, path or image")
                continue
            }
            let overridden = decision
            decision = Decision(action: exception.action, rule: exception.decisionRule)
            notes.append(
                "overrides \(overridden.action.rawValue) by \(overridden.rule.id ?? overridden.rule.description)"
                    + (overridden.rule.location.map { " (\($0))" } ?? ""))
            excepted = true
            break
        }
        decision.notes = notes
        return excepted ? decision : applyInlineIgnore(context.finding, over: decision, rule: rule)
    }

    /// Notes for exceptions and ignore-file entries that would name the finding but have expired.
    private func expiredNotes(_ context: FindingContext, facts: FindingFacts?) -> [String] {
        guard !expiredExceptions.isEmpty else { return [] }
        let facts = facts ?? self.facts(context, baseline: nil)
        return expiredExceptions.filter { $0.matches(context, facts: facts) }.map {
            "\($0.noun) \($0.label) expired on \($0.expires.map(PolicyDate.dayString) ?? "?") and no longer applies"
        }
    }

    /// VEX `not_affected` and `fixed` set a finding aside; other statuses leave the decision to the rules.
    static func vexDecision(_ assessment: VEXAssessment) -> Decision? {
        guard assessment.status == "not_affected" || assessment.status == "fixed" else { return nil }
        var description = "VEX: \(assessment.status)"
        if let justification = assessment.justification { description += " (\(justification))" }
        if let statement = assessment.statement, !statement.isEmpty { description += ": \(statement)" }
        var decision = Decision(
            action: .ignore, rule: DecisionRule(source: .vex, description: description, location: assessment.location))
        decision.vex = assessment
        return decision
    }
}
