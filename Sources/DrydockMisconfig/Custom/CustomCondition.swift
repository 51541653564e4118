import Foundation

/// A condition of a custom check's `definition`, in checkov's YAML policy form: attribute blocks,
/// `filter` blocks on the resource type, and `and` / `or` / `not`.
public indirect enum CustomCondition: Sendable, Hashable {
    /// `cond_type: attribute`: `attribute` compared with `value` by `operator`, for resources of `resourceTypes`
    /// (empty or `all`: every type).
    case attribute(resourceTypes: [String], path: AttributePath, operator: AttributeOperator, value: ConfigNode?)
    /// `cond_type: filter` with `attribute: resource_type`: only these resource types are checked.
    case filter(resourceTypes: [String])
    case and([CustomCondition])
    case or([CustomCondition])
    case not(CustomCondition)

    /// The resource types named anywhere in the condition (empty: any).
    public var resourceTypes: Set<String> {
        switch self {
        case .attribute(let types, _, _, _), .filter(let types): Set(types.filter { $0.lowercased() != "all" })
        case .and(let conditions), .or(let conditions):
            conditions.reduce(into: Set<String>()) { $0.formUnion($1.resourceTypes) }
        case .not(let condition): condition.resourceTypes
        }
    }

    /// Whether `kind` is selected by the filter blocks (true when there are none).
    func filterAllows(_ kind: String) -> Bool {
        switch self {
        case .filter(let types): Self.matches(types, kind)
        case .and(let conditions), .or(let conditions): conditions.allSatisfy { $0.filterAllows(kind) }
        case .not(let condition): condition.filterAllows(kind)
        case .attribute: true
        }
    }

    static func matches(_ types: [String], _ kind: String) -> Bool {
        types.isEmpty || types.contains { $0.lowercased() == "all" || $0.lowercased() == kind.lowercased() }
    }

    /// Evaluates the condition on `resource`; when it fails, the node to blame (an attribute that failed),
    /// if any.
    func evaluate(_ resource: ConfigResource) -> (passed: Bool, cause: ConfigNode?) {
        switch self {
        case .attribute(let types, let path, let op, let value):
            guard Self.matches(types, resource.kind) else { return (true, nil) }
            let found = path.values(in: resource.node)
            let passed = op.holds(for: found, value: value)
            return (passed, passed ? nil : found.first)
        case .filter:
            return (true, nil)
        case .and(let conditions):
            for condition in conditions {
                let outcome = condition.evaluate(resource)
                if !outcome.passed { return outcome }
            }
            return (true, nil)
        case .or(let conditions):
            var cause: ConfigNode?
            for condition in conditions {
                let outcome = condition.evaluate(resource)
                if outcome.passed { return (true, nil) }
                cause = cause ?? outcome.cause
            }
            return (conditions.isEmpty, cause)
        case .not(let condition):
            return (!condition.evaluate(resource).passed, nil)
        }
    }
}

/// The operators of attribute blocks (checkov's names).
public enum AttributeOperator: String, Sendable, Hashable, CaseIterable {
    case equals, notEquals = "not_equals", equalsIgnoreCase = "equals_ignore_case"
    case notEqualsIgnoreCase = "not_equals_ignore_case", exists, notExists = "not_exists"
    case contains, notContains = "not_contains", within, notWithin = "not_within"
    case startingWith = "starting_with", notStartingWith = "not_starting_with"
    case endingWith = "ending_with", notEndingWith = "not_ending_with"
    case regexMatch = "regex_match", notRegexMatch = "not_regex_match"
    case greaterThan = "greater_than", greaterThanOrEqual = "greater_than_or_equal"
    case lessThan = "less_than", lessThanOrEqual = "less_than_or_equal"
    case isEmpty = "is_empty", isNotEmpty = "is_not_empty", isTrue = "is_true", isFalse = "is_false"
    case lengthEquals = "length_equals", lengthNotEquals = "length_not_equals"
    case lengthGreaterThan = "length_greater_than", lengthGreaterThanOrEqual = "length_greater_than_or_equal"
    case lengthLessThan = "length_less_than", lengthLessThanOrEqual = "length_less_than_or_equal"
    case subset, notSubset = "not_subset", intersects, notIntersects = "not_intersects"

    /// Negative operators hold when the attribute is missing; positive ones need it.
    var isNegative: Bool {
        switch self {
        case .notEquals, .notEqualsIgnoreCase, .notExists, .notContains, .notWithin, .notStartingWith, .notEndingWith,
            .notRegexMatch, .notSubset, .notIntersects:
            true
        default: false
        }
    }

    /// Whether the operator holds for the attribute's values (`found`, every match of a wildcard path):
    /// every value must satisfy it, and positive operators need at least one value.
    func holds(for found: [ConfigNode], value: ConfigNode?) -> Bool {
        switch self {
        case .exists: return !found.isEmpty
        case .notExists: return found.isEmpty
        default: break
        }
        if found.isEmpty { return isNegative || self == .isEmpty }
        return found.allSatisfy { holds(for: $0, value: value) }
    }

    func holds(for node: ConfigNode, value: ConfigNode?) -> Bool {
        let text = node.text ?? ""
        let expected = value?.text ?? ""
        let expectedList = value?.isSequence == true ? value?.strings ?? [] : (value?.text).map { [$0] } ?? []
        let actualList = node.isSequence ? node.strings : [text]
        switch self {
        case .equals: return Self.equal(node, value)
        case .notEquals: return !Self.equal(node, value)
        case .equalsIgnoreCase: return text.lowercased() == expected.lowercased()
        case .notEqualsIgnoreCase: return text.lowercased() != expected.lowercased()
        case .exists: return true
        case .notExists: return false
        case .contains: return node.isSequence ? actualList.contains(expected) : text.contains(expected)
        case .notContains: return node.isSequence ? !actualList.contains(expected) : !text.contains(expected)
        case .within: return expectedList.contains(text)
        case .notWithin: return !expectedList.contains(text)
        case .startingWith: return text.hasPrefix(expected)
        case .notStartingWith: return !text.hasPrefix(expected)
        case .endingWith: return text.hasSuffix(expected)
        case .notEndingWith: return !text.hasSuffix(expected)
        case .regexMatch: return Pattern(expected).matches(text)
        case .notRegexMatch: return !Pattern(expected).matches(text)
        case .greaterThan, .greaterThanOrEqual, .lessThan, .lessThanOrEqual:
            guard let actual = node.number ?? Double(text), let limit = value?.number ?? Double(expected) else {
                return false
            }
            switch self {
            case .greaterThan: return actual > limit
            case .greaterThanOrEqual: return actual >= limit
            case .lessThan: return actual < limit
            default: return actual <= limit
            }
        case .isEmpty: return node.isEmpty || text.isEmpty
        case .isNotEmpty: return !(node.isEmpty || text.isEmpty)
        case .isTrue: return node.bool == true || text.lowercased() == "true"
        case .isFalse: return node.bool == false || text.lowercased() == "false"
        case .lengthEquals, .lengthNotEquals, .lengthGreaterThan, .lengthGreaterThanOrEqual, .lengthLessThan,
            .lengthLessThanOrEqual:
            let length = node.isSequence ? node.items.count : node.isMapping ? node.entries.count : text.count
            guard let limit = value?.int ?? Int(expected) else { return false }
            switch self {
            case .lengthEquals: return length == limit
            case .lengthNotEquals: return length != limit
            case .lengthGreaterThan: return length > limit
            case .lengthGreaterThanOrEqual: return length >= limit
            case .lengthLessThan: return length < limit
            default: return length <= limit
            }
        case .subset: return Set(actualList).isSubset(of: expectedList)
        case .notSubset: return !Set(actualList).isSubset(of: expectedList)
        case .intersects: return !Set(actualList).isDisjoint(with: expectedList)
        case .notIntersects: return Set(actualList).isDisjoint(with: expectedList)
        }
    }

    /// Equality across YAML types: `true` equals `"true"`, `1` equals `"1"`.
    static func equal(_ node: ConfigNode, _ value: ConfigNode?) -> Bool {
        guard let value else { return node.isNull }
        if let left = node.number, let right = value.number { return left == right }
        if let left = node.text, let right = value.text {
            if node.bool != nil || value.bool != nil { return left.lowercased() == right.lowercased() }
            return left == right
        }
        return node.value == value.value
    }
}
