import DrydockModel
import Foundation

extension Gate {
    /// The `# trivy:ignore:ID` comment the scanner found for a misconfiguration, as the gate applies it: an
    /// `ignore` decision with source `inline` and the comment's `file:line`, or — when the comment's
    /// `:exp:` day has passed — a note saying it no longer applies.
    ///
    /// Without a policy file the comment sets the finding aside like an ignore-file entry (Trivy's behaviour).
    /// With one it acts as an exception scoped to that file and line: it overrides the matching rule unless the
    /// rule allows no exceptions (`noExceptions`), so a security team can keep authors from silencing a check.
    func inlineIgnore(_ finding: Finding) -> (decision: Decision?, note: String?) {
        guard let check = finding.misconfiguration, let comment = check.inlineIgnore else { return (nil, nil) }
        let label = "inline ignore \(comment.rule) (\(comment.file):\(comment.line))"
        if !comment.hasReadableExpiry {
            return (
                nil,
                "\(label): 'exp:\(comment.expires ?? "")' is not a date written YYYY-MM-DD; the comment is treated as "
                    + "expired (as Trivy does) and no longer applies"
            )
        }
        if comment.hasExpired(on: PolicyDate.dayString(now)) {
            return (nil, "\(label) expired on \(comment.expires ?? "?") and no longer applies")
        }
        let rule = DecisionRule(
            source: .inline, id: comment.rule, description: "inline ignore comment",
            location: SourceLocation(file: comment.file, line: comment.line), expires: comment.expires)
        return (Decision(action: .ignore, rule: rule), nil)
    }

    /// Applies the finding's inline ignore comment over a policy decision (see ``inlineIgnore(_:)``).
    func applyInlineIgnore(_ finding: Finding, over decision: Decision, rule: PolicyRule?) -> Decision {
        let (inline, note) = inlineIgnore(finding)
        var decided = decision
        if let note { decided.notes.append(note) }
        guard var inline else { return decided }
        if decision.action == .fail, let rule, rule.noExceptions {
            decided.notes.append(
                "inline ignore \(inline.rule.id ?? "") (\(inline.rule.location.map(\.description) ?? "")) does not "
                    + "apply: rule '\(rule.name)' (\(rule.location)) allows no exceptions")
            return decided
        }
        inline.notes =
            decided.notes + [
                "overrides \(decision.action.rawValue) by \(decision.rule.id ?? decision.rule.description)"
                    + (decision.rule.location.map { " (\($0))" } ?? "")
            ]
        return inline
    }
}
