/// RubyGems requirements: comma-separated `op version` clauses that must all hold.
///
/// Operators `=` (default), `!=`, `>`, `<`, `>=`, `<=` and `~>`: `~> 1.2.3` means `>= 1.2.3` and a release
/// below `1.3` (the version with its last number dropped and the one before incremented; `~> 1` is `>= 1, < 2`).
enum GemRequirement {
    static func contains(_ version: String, constraint: String) throws(VersionError) -> Bool {
        _ = try RubyGemsVersion.canonicalSegments(version)
        let clauses = Substring(constraint).pieces([","])
        guard !clauses.isEmpty else { throw invalidConstraint("empty requirement", constraint) }
        // Read every clause first, as RubyGems does, so a bad clause is reported even after a failing one.
        var checks: [(tilde: Bool, comparator: Comparator)] = []
        for clause in clauses {
            let tilde = clause.hasPrefix("~>")
            let (op, rest) =
                tilde ? (Comparator.Operator.greaterOrEqual, clause.dropFirst(2)) : Comparator.split(clause)
            let target = String(rest.trimmed)
            guard !target.isEmpty else { throw invalidConstraint("operator without a version", constraint) }
            do {
                _ = try RubyGemsVersion.canonicalSegments(target)
            } catch {
                throw invalidConstraint("bad version \"\(target)\"", constraint)
            }
            checks.append((tilde, Comparator(op: op ?? .equal, version: target)))
        }
        for check in checks {
            guard try check.comparator.matches(version, scheme: .gem) else { return false }
            if check.tilde {
                let release = try releasePart(version)
                if try RubyGemsVersion.compare(release, try bump(check.comparator.version, constraint)) != .less {
                    return false
                }
            }
        }
        return true
    }

    /// `Gem::Version#release`: trailing segments dropped while any letter segment remains.
    private static func releasePart(_ version: String) throws(VersionError) -> String {
        var segments = try RubyGemsVersion.segments(version)
        while segments.contains(where: { if case .text = $0 { true } else { false } }) { segments.removeLast() }
        return text(segments)
    }

    /// `Gem::Version#bump`.
    private static func bump(_ version: String, _ constraint: String) throws(VersionError) -> String {
        var segments = try RubyGemsVersion.segments(version)
        while segments.contains(where: { if case .text = $0 { true } else { false } }) { segments.removeLast() }
        if segments.count > 1 { segments.removeLast() }
        guard case .number(let digits)? = segments.last, let number = Int(digits.isEmpty ? "0" : digits) else {
            throw invalidConstraint("cannot bump \"\(version)\"", constraint)
        }
        segments[segments.count - 1] = .number(String(number + 1))
        return text(segments)
    }

    private static func text(_ segments: [RubyGemsVersion.Segment]) -> String {
        let parts = segments.map { segment -> String in
            switch segment {
            case .number(let digits): digits.isEmpty ? "0" : digits
            case .text(let text): text
            }
        }
        return parts.isEmpty ? "0" : parts.joined(separator: ".")
    }
}
