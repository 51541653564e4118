import DrydockMatch
import DrydockModel

/// Applies a `ScanPolicy` to match results: every finding gets exactly one decision.
public struct Gate: Sendable {
    public let policy: ScanPolicy

    public init(policy: ScanPolicy) {
        self.policy = policy
    }

    /// Decides every finding of every target, in the targets' order.
    public func decide(_ result: MatchResult) -> [DecidedTarget] {
        result.targets.map { target in
            DecidedTarget(
                match: target,
                findings: target.findings.map { DecidedFinding(finding: $0, decision: decide($0)) })
        }
    }

    /// The decision for one finding. Rules are checked in a fixed order; the first that applies wins.
    public func decide(_ finding: VulnerabilityFinding) -> Decision {
        if !policy.severities.contains(finding.severity) {
            let allowed = Severity.allCases.filter(policy.severities.contains).map(\.rawValue).joined(separator: ",")
            return .ignored(rule: "severity \(finding.severity.rawValue) is not in --severity \(allowed)")
        }
        if policy.ignoredStatuses.contains(finding.status) {
            return .ignored(rule: "--ignore-status: the vendor's status is \(finding.status.rawValue)")
        }
        if policy.ignoreUnfixed && finding.status != .fixed {
            return .ignored(rule: "--ignore-unfixed: no fixed version is available")
        }
        if policy.failureExitCode != 0 {
            return .fail(rule: "--exit-code \(policy.failureExitCode): reported vulnerability")
        }
        return .warn(rule: "reported; no --exit-code set")
    }

    /// The verdict over all decisions: failed when any decision is `fail`, or when the policy fails on
    /// incomplete coverage or an end-of-life release and `coverage` shows one.
    public func verdict(_ targets: [DecidedTarget], coverage: ScanCoverage? = nil) -> Verdict {
        let failing = targets.flatMap(\.findings).filter {
            if case .fail = $0.decision { true } else { false }
        }
        let reasons = coverage.map(coverageFailures) ?? []
        let exitCode = !failing.isEmpty ? policy.failureExitCode : reasons.isEmpty ? 0 : policy.coverageExitCode
        return Verdict(failingCount: failing.count, exitCode: exitCode, coverageFailures: reasons)
    }

    /// The policy rules `coverage` breaks, in words.
    public func coverageFailures(_ coverage: ScanCoverage) -> [String] {
        var reasons: [String] = []
        if policy.failOnIncompleteCoverage, !coverage.isComplete {
            if coverage.osState != .covered, coverage.osState != .notApplicable {
                reasons.append("--fail-on-uncovered: \(coverage.osSummary)")
            }
            for summary in coverage.uncheckedSummaries { reasons.append("--fail-on-uncovered: \(summary)") }
        }
        if policy.failOnEndOfLife, let support = coverage.support, support.isEndOfLife, let summary = support.summary {
            reasons.append("--fail-on-eol: \(summary)")
        }
        return reasons
    }
}

/// A target's match result with a decision for each finding.
public struct DecidedTarget: Sendable, Hashable {
    public var match: TargetMatch
    public var findings: [DecidedFinding]

    public init(match: TargetMatch, findings: [DecidedFinding]) {
        self.match = match
        self.findings = findings
    }

    /// The findings reports show.
    public var reported: [VulnerabilityFinding] { findings.filter(\.decision.isReported).map(\.finding) }
}

/// The gate's outcome.
public struct Verdict: Sendable, Hashable {
    /// How many findings failed the gate.
    public var failingCount: Int
    /// The process exit code the gate asks for (`0` when it passed).
    public var exitCode: Int32
    /// Policy rules on coverage or end of life that failed the gate, in words.
    public var coverageFailures: [String]

    public init(failingCount: Int, exitCode: Int32, coverageFailures: [String] = []) {
        self.failingCount = failingCount
        self.exitCode = exitCode
        self.coverageFailures = coverageFailures
    }

    public var passed: Bool { failingCount == 0 && coverageFailures.isEmpty }
}
