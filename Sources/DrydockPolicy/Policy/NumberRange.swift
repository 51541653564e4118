/// The numbers a numeric condition accepts: an interval written as one or more comparisons
/// (`">= 7"`, `["> 4", "<= 9.5"]`).
///
/// Day counts are whole numbers, so their ranges are kept as closed integer intervals (`"> 7"` is `">= 8"`):
/// that keeps ``isSubset(of:)`` exact for the shadowed-rule check.
public struct NumberRange: Sendable, Hashable, CustomStringConvertible {
    /// The lowest accepted value and whether it is itself accepted; `nil` when unbounded.
    public var lower: (value: Double, inclusive: Bool)?
    /// The highest accepted value and whether it is itself accepted; `nil` when unbounded.
    public var upper: (value: Double, inclusive: Bool)?
    /// Whether the values are whole numbers (day counts).
    public var integral: Bool
    /// The comparisons as written, for messages.
    public var text: String

    /// Every number.
    public init(integral: Bool) {
        self.integral = integral
        text = "any"
    }

    /// Parses comparisons (`>`, `>=`, `<`, `<=`, `==`); `nil` with the offending text when one is not valid.
    public static func parse(_ comparisons: [String], integral: Bool) -> Result<NumberRange, ComparisonError> {
        var range = NumberRange(integral: integral)
        for comparison in comparisons {
            let trimmed = comparison.trimmingWhitespace
            var rest = Substring(trimmed)
            var op = ""
            while let first = rest.first, "<>=!".contains(first) {
                op.append(first)
                rest = rest.dropFirst()
            }
            guard let value = Double(rest.trimmingWhitespace), value.isFinite else {
                return .failure(ComparisonError(text: comparison))
            }
            switch op {
            case ">": range.raiseLower(value, inclusive: false)
            case ">=": range.raiseLower(value, inclusive: true)
            case "<": range.lowerUpper(value, inclusive: false)
            case "<=": range.lowerUpper(value, inclusive: true)
            case "==", "=":
                range.raiseLower(value, inclusive: true)
                range.lowerUpper(value, inclusive: true)
            default: return .failure(ComparisonError(text: comparison))
            }
        }
        range.text = comparisons.map(\.trimmingWhitespace).joined(separator: " and ")
        if integral { range.normaliseIntegers() }
        return .success(range)
    }

    public var description: String { text }

    /// Whether `value` is in the range.
    public func contains(_ value: Double) -> Bool {
        if let lower, value < lower.value || (value == lower.value && !lower.inclusive) { return false }
        if let upper, value > upper.value || (value == upper.value && !upper.inclusive) { return false }
        return true
    }

    /// Whether no number is in the range (`"> 9"` and `"< 5"`).
    public var isEmpty: Bool {
        guard let lower, let upper else { return false }
        if lower.value > upper.value { return true }
        return lower.value == upper.value && !(lower.inclusive && upper.inclusive)
    }

    /// Whether every value of this range is in `other`.
    public func isSubset(of other: NumberRange) -> Bool {
        if isEmpty { return true }
        if let bound = other.lower {
            guard let mine = lower else { return false }
            if mine.value < bound.value || (mine.value == bound.value && mine.inclusive && !bound.inclusive) {
                return false
            }
        }
        if let bound = other.upper {
            guard let mine = upper else { return false }
            if mine.value > bound.value || (mine.value == bound.value && mine.inclusive && !bound.inclusive) {
                return false
            }
        }
        return true
    }

    /// Whether the range accepts every value `≥ floor` (every day count when `floor` is 0).
    func coversEverything(from floor: Double) -> Bool {
        guard upper == nil else { return false }
        guard let lower else { return true }
        return lower.value < floor || (lower.value == floor && lower.inclusive)
    }

    private mutating func raiseLower(_ value: Double, inclusive: Bool) {
        if let lower, lower.value > value || (lower.value == value && !lower.inclusive) { return }
        lower = (value, inclusive)
    }

    private mutating func lowerUpper(_ value: Double, inclusive: Bool) {
        if let upper, upper.value < value || (upper.value == value && !upper.inclusive) { return }
        upper = (value, inclusive)
    }

    /// Rewrites bounds as closed integer bounds.
    private mutating func normaliseIntegers() {
        if let lower {
            let ceiling = lower.value.rounded(.up)
            self.lower = (ceiling == lower.value && !lower.inclusive ? ceiling + 1 : ceiling, true)
        }
        if let upper {
            let floor = upper.value.rounded(.down)
            self.upper = (floor == upper.value && !upper.inclusive ? floor - 1 : floor, true)
        }
    }

    public static func == (lhs: NumberRange, rhs: NumberRange) -> Bool {
        lhs.lower?.value == rhs.lower?.value && lhs.lower?.inclusive == rhs.lower?.inclusive
            && lhs.upper?.value == rhs.upper?.value && lhs.upper?.inclusive == rhs.upper?.inclusive
            && lhs.integral == rhs.integral
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lower?.value)
        hasher.combine(lower?.inclusive)
        hasher.combine(upper?.value)
        hasher.combine(upper?.inclusive)
        hasher.combine(integral)
    }
}

/// A comparison that is not `OP NUMBER`.
public struct ComparisonError: Error, Sendable, Hashable {
    public var text: String
}
