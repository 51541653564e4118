/// Hex (Elixir `Version`) requirements: `or` alternatives of `and` clauses, operators `==` (default),
/// `!=`, `>`, `>=`, `<`, `<=` and `~>`: `~> 2.1` means `>= 2.1.0 and < 3.0.0-0`, `~> 2.1.3` means
/// `>= 2.1.3 and < 2.2.0-0`.
enum ElixirRequirement {
    static func contains(_ version: String, constraint: String) throws(VersionError) -> Bool {
        _ = try VersionScheme.hex.compare(version, version)
        var alternatives: [[Comparator]] = []
        for alternative in Substring(constraint).components(separatedBy: " or ") {
            var set: [Comparator] = []
            for clause in alternative.components(separatedBy: " and ").map(\.trimmed) {
                set += try comparators(clause, constraint)
            }
            alternatives.append(set)
        }
        for set in alternatives {
            var ok = true
            for comparator in set where try !comparator.matches(version, scheme: .hex) { ok = false }
            if ok { return true }
        }
        return false
    }

    private static func comparators(_ clause: Substring, _ constraint: String) throws(VersionError) -> [Comparator] {
        guard !clause.isEmpty else { throw invalidConstraint("empty clause", constraint) }
        if clause.hasPrefix("~>") {
            let target = clause.dropFirst(2).trimmed
            let parts = target.split(separator: "-", maxSplits: 1)[0].split(separator: ".")
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == parts.count, (2...3).contains(numbers.count) else {
                throw invalidConstraint("~> needs MAJOR.MINOR[.PATCH]", constraint)
            }
            let low = numbers.count == 2 ? "\(target).0" : String(target)
            let high = numbers.count == 2 ? "\(numbers[0] + 1).0.0-0" : "\(numbers[0]).\(numbers[1] + 1).0-0"
            return [Comparator(op: .greaterOrEqual, version: low), Comparator(op: .less, version: high)]
        }
        let (op, target) = Comparator.split(clause)
        return [Comparator(op: op ?? .equal, version: String(target.trimmed))]
    }
}
