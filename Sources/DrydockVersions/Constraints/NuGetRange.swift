/// NuGet version ranges: `1.0` (at least 1.0), `[1.0]` (exactly), `[1.0,2.0)`, `(,1.0]`, `(1.0,)`, and
/// floating versions (`1.*`, `1.0.0-*`, `*`), which match from their lowest version up.
enum NuGetRange {
    static func contains(_ version: String, constraint: String) throws(VersionError) -> Bool {
        _ = try NuGetVersion.compare(version, version)
        let text = Substring(constraint).trimmed
        guard let open = text.first else { throw invalidConstraint("empty range", constraint) }
        guard open == "[" || open == "(" else { return try atLeast(version, floor(text), constraint) }
        guard let close = text.last, close == "]" || close == ")" else {
            throw invalidConstraint("unbalanced brackets", constraint)
        }
        let bounds = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map(\.trimmed)
        if bounds.count == 1 {
            guard open == "[", close == "]", !bounds[0].isEmpty else {
                throw invalidConstraint("bad exact range", constraint)
            }
            return try compare(version, bounds[0], constraint) == .equal
        }
        guard bounds.count == 2 else { throw invalidConstraint("a range has at most two bounds", constraint) }
        guard !bounds[0].isEmpty || !bounds[1].isEmpty else {
            throw invalidConstraint("a range needs a bound", constraint)
        }
        if !bounds[0].isEmpty && !bounds[1].isEmpty {
            // As NuGet's `VersionRangeFactory`: the minimum may not exceed the maximum, and equal bounds must be
            // both inclusive or both exclusive (`(1.0,1.0)` is valid and matches nothing).
            let order: VersionOrder
            do {
                order = try NuGetVersion.compare(String(floor(bounds[0])), String(bounds[1]))
            } catch {
                throw invalidConstraint("bad bound", constraint)
            }
            if order == .greater || (order == .equal && (open == "[") != (close == "]")) {
                throw invalidConstraint("minimum above maximum or half-open empty range", constraint)
            }
        }
        if !bounds[0].isEmpty {
            let order = try compare(version, floor(bounds[0]), constraint)
            if order == .less || (order == .equal && open == "(") { return false }
        }
        if !bounds[1].isEmpty {
            let order = try compare(version, bounds[1], constraint)
            if order == .greater || (order == .equal && close == ")") { return false }
        }
        return true
    }

    /// The lowest version a floating version stands for (`1.*` → `1.0`, `1.0.0-beta*` → `1.0.0-beta`).
    private static func floor(_ text: Substring) -> Substring {
        guard text.hasSuffix("*") else { return text }
        if text == "*" { return "0.0.0" }
        var base = text.dropLast()
        if base.hasSuffix(".") { return base + "0" }
        if base.hasSuffix("-") { base = base.dropLast() + "-0" }
        return base
    }

    private static func atLeast(_ version: String, _ bound: Substring, _ constraint: String) throws(VersionError)
        -> Bool
    {
        try compare(version, bound, constraint) != .less
    }

    private static func compare(_ version: String, _ bound: Substring, _ constraint: String) throws(VersionError)
        -> VersionOrder
    {
        _ = try NuGetVersion.compare(version, version)
        do {
            return try NuGetVersion.compare(version, String(bound))
        } catch {
            throw invalidConstraint("bad version \"\(bound)\"", constraint)
        }
    }
}
