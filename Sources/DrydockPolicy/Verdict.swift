import DrydockMatch
import DrydockModel
import Foundation

/// The gate's outcome: whether the build passes, the exit code, and why.
public struct Verdict: Sendable, Hashable {
    /// How many findings the gate judged failing (in audit mode: would fail).
    public var failingCount: Int
    /// The process exit code the gate asks for (`0` when it passed, and always in audit mode).
    public var exitCode: Int32
    /// Policy rules on coverage or end of life that failed the gate, in words.
    public var coverageFailures: [String]
    /// Enforce or audit.
    public var mode: PolicyMode
    /// The rules that failed findings, each with how many, most first.
    public var reasons: [VerdictReason]
    /// Every exception and ignore-file entry, with what became of it in this scan.
    public var exceptions: [ExceptionReport]
    /// The policy file used (`nil` without `--policy`).
    public var policy: PolicySource?
    /// The ignore file used, when there was one.
    public var ignoreFile: PolicySource?

    public init(
        failingCount: Int, exitCode: Int32, coverageFailures: [String] = [], mode: PolicyMode = .enforce,
        reasons: [VerdictReason] = [], exceptions: [ExceptionReport] = [], policy: PolicySource? = nil,
        ignoreFile: PolicySource? = nil
    ) {
        self.failingCount = failingCount
        self.exitCode = exitCode
        self.coverageFailures = coverageFailures
        self.mode = mode
        self.reasons = reasons
        self.exceptions = exceptions
        self.policy = policy
        self.ignoreFile = ignoreFile
    }

    /// Whether the gate found nothing failing: no failing finding and no coverage failure. In audit mode a
    /// verdict can be not passed and still exit 0.
    public var passed: Bool { failingCount == 0 && coverageFailures.isEmpty }

    /// `passed`, `failed`, or `would fail` (audit mode).
    public var outcome: String { passed ? "passed" : mode == .audit ? "would fail" : "failed" }
}

/// A rule that failed findings, and how many.
public struct VerdictReason: Sendable, Hashable {
    public var rule: DecisionRule
    public var count: Int

    public init(rule: DecisionRule, count: Int) {
        self.rule = rule
        self.count = count
    }
}

/// A policy or ignore file as the verdict and the evidence identify it.
public struct PolicySource: Sendable, Hashable {
    public var path: String
    /// `sha256:` of the file's bytes.
    public var digest: String?

    public init(path: String, digest: String?) {
        self.path = path
        self.digest = digest
    }
}

/// What became of one exception (or ignore-file entry) in a scan.
public struct ExceptionReport: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// It decided at least one finding.
        case applied
        /// It named failing findings it may not override (a broad exception, a `noExceptions` rule).
        case refused
        /// It named findings, but something earlier decided them all (another exception, VEX, a filter).
        case superseded
        /// Its expiry has passed; it no longer applies.
        case expired
        /// It is live and named no finding of this scan.
        case stale
    }

    public var exception: GateException
    public var status: Status
    /// How many findings it named (expired ones: would have named).
    public var matched: Int
    /// How many findings it decided.
    public var applied: Int
    /// How many failing findings it named but may not override.
    public var refused: Int
    /// Whether it names no purl, path or image (reported in policy mode only, where it matters).
    public var isBroad: Bool

    public init(
        exception: GateException, status: Status, matched: Int, applied: Int, refused: Int = 0, isBroad: Bool
    ) {
        self.exception = exception
        self.status = status
        self.matched = matched
        self.applied = applied
        self.refused = refused
        self.isBroad = isBroad
    }

    /// One line for warnings and the table (`stale exception CVE-1 (policy.yaml:20): named no finding`).
    public var summary: String {
        let broad = isBroad ? "broad " : ""
        let what = "\(broad)\(exception.noun) \(exception.label)"
        switch status {
        case .applied:
            let refusals = refused > 0 ? "; refused to override \(refused) failing finding(s)" : ""
            return "\(what) decided \(applied) finding(s)\(refusals)"
        case .refused:
            let hint = isBroad ? " (scope it by purl, path or image)" : ""
            return "\(what) named \(refused) failing finding(s) but may not override them\(hint)"
        case .expired:
            let day = exception.expires.map(PolicyDate.dayString) ?? "?"
            return "\(what) expired on \(day) and no longer applies"
                + (matched > 0 ? " (it names \(matched) finding(s) of this scan)" : "")
        case .superseded:
            return "\(what) named \(matched) finding(s), all decided before it (another exception, VEX or a flag)"
        case .stale: return "\(what) named no finding in this scan (stale)"
        }
    }
}

extension Gate {
    /// The verdict over all decisions: failed when any decision is `fail`, or when the policy fails on
    /// incomplete coverage or an end-of-life release and `coverage` shows one. In audit mode the exit code is
    /// always 0 and the verdict says what enforcement would have done.
    public func verdict(_ targets: [DecidedTarget], coverage: ScanCoverage? = nil) -> Verdict {
        let failing = targets.flatMap(\.findings).filter { $0.decision.action == .fail }
        let reasons = coverage.map(coverageFailures) ?? []
        let endOfLife = coverage?.support?.isEndOfLife == true ? policy.endOfLifeExitCode : nil
        var exitCode: Int32 = 0
        if policy.mode == .enforce {
            if let endOfLife {
                exitCode = endOfLife
            } else if !failing.isEmpty {
                exitCode = policy.gateExitCode
            } else if !reasons.isEmpty {
                exitCode = policy.coverageExitCode
            }
        }
        return Verdict(
            failingCount: failing.count, exitCode: exitCode, coverageFailures: reasons, mode: policy.mode,
            reasons: Gate.reasons(failing), exceptions: exceptionReports(targets),
            policy: policy.document.map { PolicySource(path: $0.path, digest: $0.digest) },
            ignoreFile: policy.ignoreFile.map { PolicySource(path: $0.path, digest: $0.digest) })
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
        if let support = coverage.support, support.isEndOfLife, let summary = support.summary {
            if let code = policy.endOfLifeExitCode {
                reasons.append("--exit-on-eol \(code): \(summary)")
            } else if policy.failOnEndOfLife {
                reasons.append("--fail-on-eol: \(summary)")
            }
        }
        return reasons
    }

    /// Failing findings grouped by the rule that failed them, most first.
    static func reasons(_ failing: [DecidedFinding]) -> [VerdictReason] {
        var counts: [DecisionRule: Int] = [:]
        var order: [DecisionRule] = []
        for finding in failing {
            let rule = finding.decision.rule
            if counts[rule] == nil { order.append(rule) }
            counts[rule, default: 0] += 1
        }
        return order.map { VerdictReason(rule: $0, count: counts[$0] ?? 0) }.enumerated()
            .sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
    }

    /// What became of every exception: applied, refused, expired or stale.
    func exceptionReports(_ targets: [DecidedTarget]) -> [ExceptionReport] {
        let exceptions = policy.exceptions
        guard !exceptions.isEmpty else { return [] }
        var matched = Array(repeating: 0, count: exceptions.count)
        var applied = Array(repeating: 0, count: exceptions.count)
        var refused = Array(repeating: 0, count: exceptions.count)
        for target in targets {
            let detected = target.detected
            for decided in target.findings {
                let context = FindingContext(decided.finding, in: detected, artifact: artifact)
                let facts = facts(context, baseline: decided.decision.baseline)
                for (index, exception) in exceptions.enumerated() where exception.matches(context, facts: facts) {
                    matched[index] += 1
                    let rule = decided.decision.rule
                    if rule.source == .exception || rule.source == .ignoreFile, rule.location == exception.location {
                        applied[index] += 1
                    } else if decided.decision.action == .fail {
                        refused[index] += 1
                    }
                }
            }
        }
        return exceptions.enumerated().map { index, exception in
            let status: ExceptionReport.Status =
                exception.isExpired(at: now)
                ? .expired
                : applied[index] > 0
                    ? .applied : refused[index] > 0 ? .refused : matched[index] > 0 ? .superseded : .stale
            return ExceptionReport(
                exception: exception, status: status, matched: matched[index], applied: applied[index],
                refused: refused[index], isBroad: policy.document != nil && exception.isBroad)
        }
    }
}
