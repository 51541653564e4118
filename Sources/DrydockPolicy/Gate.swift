import DrydockMatch
import DrydockModel
import Foundation

/// Applies a `ScanPolicy`: every finding gets exactly one decision, and the decisions give the verdict.
public struct Gate: Sendable {
    public let policy: ScanPolicy

    public init(policy: ScanPolicy) {
        self.policy = policy
    }

    /// Decides every finding of every matched target, in the targets' order.
    public func decide(_ result: MatchResult) -> [DecidedTarget] {
        decide(result.targets.map(DetectedTarget.init(match:)))
    }

    /// Decides every finding of every target, in the targets' order.
    public func decide(_ targets: [DetectedTarget]) -> [DecidedTarget] {
        targets.map { target in
            DecidedTarget(target, findings: target.findings.map { DecidedFinding(finding: $0, decision: decide($0)) })
        }
    }

    /// The decision for one finding. Rules are checked in a fixed order; the first that applies wins.
    public func decide(_ finding: Finding) -> Decision {
        if let misconfiguration = finding.misconfiguration {
            if misconfiguration.status == .pass {
                return .warn("passed check, listed with --include-non-failures")
            }
            if let ignore = misconfiguration.inlineIgnore, !ignore.hasExpired(on: Gate.today()) {
                return Decision(
                    action: .ignore,
                    rule: DecisionRule(
                        source: .inline, id: ignore.rule, description: "inline ignore comment",
                        location: SourceLocation(file: ignore.file, line: ignore.line)))
            }
        }
        let severity = finding.severity
        if !policy.severities.contains(severity) {
            let allowed = Severity.allCases.filter(policy.severities.contains).map(\.rawValue).joined(separator: ",")
            return .ignore("severity \(severity.rawValue) is not in --severity \(allowed)")
        }
        if policy.ignoreUnfixed, let vulnerability = finding.vulnerability, vulnerability.status != .fixed {
            return .ignore("--ignore-unfixed: no fixed version is available")
        }
        if policy.failureExitCode != 0 {
            return .fail("--exit-code \(policy.failureExitCode): reported \(finding.kind.rawValue)")
        }
        return .warn("reported; no --exit-code set")
    }

    /// The verdict over all decisions: failed when any decision is `fail`, or when the policy fails on
    /// incomplete coverage or an end-of-life release and `coverage` shows one.
    public func verdict(_ targets: [DecidedTarget], coverage: ScanCoverage? = nil) -> Verdict {
        let failing = targets.flatMap(\.findings).filter { $0.decision.action == .fail }
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

extension Gate {
    /// Today as `YYYY-MM-DD` (UTC), for expiry dates written in files.
    static func today() -> String {
        let components = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "UTC") ?? .current, from: Date())
        let year = components.year ?? 1970
        let month = components.month ?? 1
        let day = components.day ?? 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
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
