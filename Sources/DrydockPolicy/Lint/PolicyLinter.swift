import Foundation

/// `drydock policy lint`: the problems of a policy file that parsing alone does not catch.
///
/// - rules that can never match: their conditions contradict, or earlier rules already decide every finding
///   they would match (shadowed: alone or together, checked exactly over the finite-valued facts and soundly
///   over numbers, patterns and purls);
/// - exceptions without a scope (broad), expiring further away than ``maxExpiry``, or already expired;
/// - unknown fields and duplicate rule names.
public struct PolicyLinter: Sendable {
    /// The longest an exception may stay (`--max-expiry`, 90 days by default); `nil` checks nothing.
    public var maxExpiry: TimeInterval?
    /// The day expiries are measured from.
    public var now: Date

    public init(maxExpiry: TimeInterval? = 90 * 86_400, now: Date = Date()) {
        self.maxExpiry = maxExpiry
        self.now = now
    }

    /// Every problem, in file order.
    public func lint(_ document: PolicyDocument) -> [PolicyDiagnostic] {
        var problems = document.diagnostics
        problems += ruleProblems(document.rules)
        for exception in document.exceptions { problems += exceptionProblems(exception) }
        return problems.enumerated().sorted {
            ($0.element.location.line ?? 0, $0.offset) < ($1.element.location.line ?? 0, $1.offset)
        }
        .map(\.element)
    }

    func ruleProblems(_ rules: [PolicyRule]) -> [PolicyDiagnostic] {
        var problems: [PolicyDiagnostic] = []
        var names: [String: PolicyRule] = [:]
        for (index, rule) in rules.enumerated() {
            if let first = names[rule.name] {
                problems.append(
                    PolicyDiagnostic(
                        .duplicateName, "rule name '\(rule.name)' is also used at \(first.location)",
                        at: rule.location))
            } else {
                names[rule.name] = rule
            }
            guard rule.unknownConditions.isEmpty else { continue }  // reported as unknown fields
            if let why = ConditionCoverage.contradiction(rule) {
                problems.append(
                    PolicyDiagnostic(.neverMatches, "rule '\(rule.name)' can never match: \(why)", at: rule.location))
                continue
            }
            let shadowing = PolicyLinter.shadowingRules(rule, earlier: Array(rules[..<index]))
            guard !shadowing.isEmpty else { continue }
            let cited = shadowing.map { "'\($0.name)' (\($0.location))" }.joined(separator: " and ")
            problems.append(
                PolicyDiagnostic(
                    .shadowedRule,
                    "rule '\(rule.name)' can never match: every finding it matches is decided earlier by "
                        + "rule \(cited)", at: rule.location))
        }
        return problems
    }

    /// The earlier rules that together decide every finding `rule` matches, or none when some finding it
    /// matches reaches it.
    static func shadowingRules(_ rule: PolicyRule, earlier: [PolicyRule]) -> [PolicyRule] {
        let candidates = earlier.filter { $0.unknownConditions.isEmpty && ConditionCoverage.covers($0, rule) }
        guard !candidates.isEmpty else { return [] }
        var used: [Int] = []
        for cell in FindingCell.all where cell.allows(rule) {
            guard let index = candidates.firstIndex(where: { cell.allows($0) }) else { return [] }
            if !used.contains(index) { used.append(index) }
        }
        return used.sorted().map { candidates[$0] }
    }

    func exceptionProblems(_ exception: PolicyException) -> [PolicyDiagnostic] {
        var problems: [PolicyDiagnostic] = []
        let label = exception.ids.joined(separator: ",")
        if exception.isBroad {
            problems.append(
                PolicyDiagnostic(
                    .broadException,
                    "exception \(label) has no scope: it would apply in every image and file; name a purl, "
                        + "path or image (a broad exception never overrides a failing finding)",
                    at: exception.location))
        }
        if let expires = exception.expires {
            if expires <= now {
                problems.append(
                    PolicyDiagnostic(
                        .expiredException,
                        "exception \(label) expired on \(PolicyDate.dayString(expires)): remove or renew it",
                        at: exception.location))
            } else if let maxExpiry, expires.timeIntervalSince(now) > maxExpiry {
                let days = Int(maxExpiry / 86_400)
                problems.append(
                    PolicyDiagnostic(
                        .expiryTooFar,
                        "exception \(label) expires on \(PolicyDate.dayString(expires)), more than \(days) days away",
                        at: exception.location))
            }
        }
        return problems
    }
}
