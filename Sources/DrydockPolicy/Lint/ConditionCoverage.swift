import DrydockModel

/// Whether the conditions of one rule that are not finite-valued (numbers, patterns, purls, labels) hold for
/// every finding another rule's do. Sound, not complete: `true` only when that is certain.
enum ConditionCoverage {
    /// Whether each such condition of `earlier` holds for every finding that meets `later`'s.
    static func covers(_ earlier: PolicyRule, _ later: PolicyRule) -> Bool {
        earlier.conditions.allSatisfy { covers($0.condition, later: later.conditions.map(\.condition)) }
    }

    /// Whether `condition` holds for every finding that meets all of `later`.
    static func covers(_ condition: PolicyCondition, later: [PolicyCondition]) -> Bool {
        switch condition {
        case .severity, .kind, .status, .fixable, .kev, .reachability, .baseline:
            return true  // checked cell by cell
        case .cvss(let range):
            return later.contains { if case .cvss(let other) = $0 { other.isSubset(of: range) } else { false } }
        case .epss(let range):
            return later.contains { if case .epss(let other) = $0 { other.isSubset(of: range) } else { false } }
        case .publishedDays(let range):
            return later.contains {
                if case .publishedDays(let other) = $0 { other.isSubset(of: range) } else { false }
            }
        case .openDays(let range):
            if range.coversEverything(from: 0) { return true }
            return later.contains { if case .openDays(let other) = $0 { other.isSubset(of: range) } else { false } }
        case .id(let patterns):
            if patterns.contains(where: \.matchesEverything) { return true }
            return later.contains { if case .id(let other) = $0 { covered(other, by: patterns) } else { false } }
        case .path(let patterns):
            if patterns.contains(where: \.matchesEverything) { return true }
            return later.contains { if case .path(let other) = $0 { covered(other, by: patterns) } else { false } }
        case .target(let patterns):
            if patterns.contains(where: \.matchesEverything) { return true }
            return later.contains {
                if case .target(let other) = $0 { covered(other, by: patterns) } else { false }
            }
        case .image(let patterns):
            return later.contains { if case .image(let other) = $0 { covered(other, by: patterns) } else { false } }
        case .packageName(let patterns):
            return later.contains {
                if case .packageName(let other) = $0 { covered(other, by: patterns) } else { false }
            }
        case .packageType(let types):
            return later.contains {
                switch $0 {
                case .packageType(let other): other.isSubset(of: types)
                case .purl(let purls): purls.allSatisfy { types.contains($0.type) }
                default: false
                }
            }
        case .targetType(let types):
            return later.contains { if case .targetType(let other) = $0 { other.isSubset(of: types) } else { false } }
        case .licenseCategory(let categories):
            return later.contains {
                if case .licenseCategory(let other) = $0 { other.isSubset(of: categories) } else { false }
            }
        case .purl(let patterns):
            return later.contains {
                guard case .purl(let other) = $0 else { return false }
                return other.allSatisfy { narrow in patterns.contains { $0.matches(narrow) } }
            }
        case .labels(let required):
            return required.allSatisfy { key, pattern in
                later.contains {
                    guard case .labels(let other) = $0, let narrow = other[key] else { return false }
                    return pattern.covers(narrow)
                }
            }
        }
    }

    /// Whether every pattern of `narrow` is covered by one of `wide`.
    static func covered(_ narrow: [GlobPattern], by wide: [GlobPattern]) -> Bool {
        narrow.allSatisfy { pattern in wide.contains { $0.covers(pattern) } }
    }

    /// Why a rule's conditions can never all hold, or `nil` when they can.
    static func contradiction(_ rule: PolicyRule) -> String? {
        for located in rule.conditions {
            switch located.condition {
            case .severity(let set) where set.isEmpty: return "severity lists nothing"
            case .kind(let set) where set.isEmpty: return "kind lists nothing"
            case .status(let set) where set.isEmpty: return "status lists nothing"
            case .reachability(let set) where set.isEmpty: return "reachability lists nothing"
            case .baseline(let set) where set.isEmpty: return "baseline lists nothing"
            case .cvss(let range) where range.isEmpty, .epss(let range) where range.isEmpty,
                .publishedDays(let range) where range.isEmpty, .openDays(let range) where range.isEmpty:
                return "\(located.condition.summary) accepts no value"
            case .openDays(let range) where range.upper.map { $0.value < 0 } ?? false:
                return "\(located.condition.summary): open days are never negative"
            default: continue
            }
        }
        if !FindingCell.all.contains(where: { $0.allows(rule) }) {
            return "its conditions name facts no single finding has (such as a fix or a CVSS score on a "
                + "finding that is not a vulnerability)"
        }
        return nil
    }
}
