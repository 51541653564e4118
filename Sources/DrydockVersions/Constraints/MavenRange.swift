/// Maven version ranges: `[1.0,2.0)`, `(,1.5]`, `[1.2]`, unions `[1,2),[3,)`, and a bare `1.0`.
///
/// Brackets include the bound, parentheses exclude it, an empty side is unbounded. A bare version is
/// Maven's "soft" requirement, which any version satisfies. Like Maven's `VersionRange`, a range whose
/// lower bound is above its upper bound, or a union whose ranges overlap or are out of order, is invalid.
enum MavenRange {
    static func contains(_ version: String, constraint: String) throws(VersionError) -> Bool {
        let text = Substring(constraint).trimmed
        guard text.first == "[" || text.first == "(" else {
            guard !text.isEmpty else { throw invalidConstraint("empty range", constraint) }
            _ = try MavenVersion.compare(version, String(text))
            return true
        }
        var rest = text
        var matched = false
        var previousUpper: String?
        while !rest.isEmpty {
            guard let open = rest.first, open == "[" || open == "(",
                let close = rest.firstIndex(where: { $0 == "]" || $0 == ")" })
            else { throw invalidConstraint("unbalanced brackets", constraint) }
            let body = rest[rest.index(after: rest.startIndex)..<close]
            let inclusiveLow = open == "["
            let inclusiveHigh = rest[close] == "]"
            let bounds = body.split(separator: ",", omittingEmptySubsequences: false).map(\.trimmed)
            if bounds.count == 1 {
                guard inclusiveLow && inclusiveHigh, !bounds[0].isEmpty else {
                    throw invalidConstraint("single version must be in []", constraint)
                }
                try checkOrder(after: previousUpper, lower: String(bounds[0]), constraint)
                previousUpper = String(bounds[0])
                if try MavenVersion.compare(version, String(bounds[0])) == .equal { matched = true }
            } else if bounds.count == 2 {
                let lower = bounds[0].isEmpty ? nil : String(bounds[0])
                let upper = bounds[1].isEmpty ? nil : String(bounds[1])
                if let lower, let upper, try MavenVersion.compare(lower, upper) == .greater {
                    throw invalidConstraint("range defies version ordering", constraint)
                }
                if previousUpper != nil {
                    guard let lower else { throw invalidConstraint("ranges overlap", constraint) }
                    try checkOrder(after: previousUpper, lower: lower, constraint)
                }
                previousUpper = upper
                var inside = true
                if !bounds[0].isEmpty {
                    let order = try MavenVersion.compare(version, String(bounds[0]))
                    inside = inside && (order == .greater || (inclusiveLow && order == .equal))
                }
                if !bounds[1].isEmpty {
                    let order = try MavenVersion.compare(version, String(bounds[1]))
                    inside = inside && (order == .less || (inclusiveHigh && order == .equal))
                }
                if inside { matched = true }
            } else {
                throw invalidConstraint("a range has at most two bounds", constraint)
            }
            rest = rest[rest.index(after: close)...].trimmed
            if rest.first == "," { rest = rest.dropFirst().trimmed }
        }
        return matched
    }

    /// Maven's "Ranges overlap" check: each range must start at or after the previous one's upper bound.
    private static func checkOrder(after previousUpper: String?, lower: String, _ constraint: String)
        throws(VersionError)
    {
        guard let previousUpper else { return }
        if try MavenVersion.compare(lower, previousUpper) == .less {
            throw invalidConstraint("ranges overlap", constraint)
        }
    }
}
