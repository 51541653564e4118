/// Composer constraints: `||` alternatives of comma- or space-separated clauses.
///
/// Clauses follow Composer's `VersionParser::parseConstraint`: `^1.2.3` → `>=1.2.3.0-dev <2.0.0.0-dev`
/// (`^0.3` → `<0.4`), `~1.2` → `>=1.2.0.0-dev <2.0.0.0-dev`, `~1.2.3` → `<1.3`, `1.2.*` → `>=1.2.0.0-dev
/// <1.3.0.0-dev`, `1.0 - 2.0` → `>=1.0.0.0-dev <2.1.0.0-dev`, `*` anything, plain operators on normalised
/// versions (`<` and `>=` on a version without stability get `-dev`). `@stability` flags are accepted and
/// ignored (they only filter what Composer installs). Branch versions only match `==`/`!=` by name.
enum ComposerConstraint {
    /// A version as Composer's constraint regex sees it: up to four numbers and a modifier tail.
    struct Shape {
        var numbers: [String]
        var tail: Substring
    }

    static func contains(_ version: String, constraint: String) throws(VersionError) -> Bool {
        let candidate = try ComposerVersion.normalize(version)
        var alternatives: [[Comparator]] = []
        for alternative in Substring(constraint).trimmed.split(whereSeparator: { $0 == "|" }).map(\.trimmed) {
            guard !alternative.isEmpty else { throw invalidConstraint("empty alternative", constraint) }
            var comparators: [Comparator] = []
            for clause in clauses(alternative) { comparators += try parse(clause, constraint: constraint) }
            alternatives.append(comparators)
        }
        guard !alternatives.isEmpty else { throw invalidConstraint("empty constraint", constraint) }
        return alternatives.contains { $0.allSatisfy { matches(candidate, $0) } }
    }

    private static func matches(_ candidate: String, _ comparator: Comparator) -> Bool {
        let bound = comparator.version
        if candidate.hasPrefix("dev-") || bound.hasPrefix("dev-") {
            switch comparator.op {
            case .equal: return candidate == bound
            case .notEqual: return candidate != bound
            default: return false
            }
        }
        let order = PHPVersionCompare.compare(candidate, bound)
        switch comparator.op {
        case .less: return order == .less
        case .lessOrEqual: return order != .greater
        case .greater: return order == .greater
        case .greaterOrEqual: return order != .less
        case .equal: return order == .equal
        case .notEqual: return order != .equal
        }
    }

    /// Splits an alternative into clauses, keeping `op version` and `a - b` together.
    static func clauses(_ text: Substring) -> [String] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        var result: [String] = []
        var index = 0
        while index < words.count {
            var word = words[index]
            if index + 2 < words.count && words[index + 1] == "-" {
                result.append("\(word) - \(words[index + 2])")
                index += 3
                continue
            }
            if word.allSatisfy({ "<>=!~^".contains($0) }) && index + 1 < words.count {
                word += words[index + 1]
                index += 1
            }
            result.append(word)
            index += 1
        }
        return result
    }

    static func shape(_ text: Substring) -> Shape? {
        var rest = text
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        var numbers: [String] = []
        while numbers.count < 4 {
            if !numbers.isEmpty {
                guard rest.first == ".", let next = rest.dropFirst().first, next.isASCII, next.isNumber else { break }
                rest = rest.dropFirst()
            }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return nil }
            numbers.append(String(digits))
            rest = rest.dropFirst(digits.count)
        }
        if let plus = rest.firstIndex(of: "+") { rest = rest[..<plus] }
        return Shape(numbers: numbers, tail: rest)
    }

    static let stabilities: Set<String> = ["stable", "rc", "beta", "alpha", "dev"]

    /// Whether a shape's tail is what Composer's version regex allows after the numbers: a stability
    /// modifier, `.x-dev`, or nothing (a `+build` is already cut off).
    static func validTail(_ shape: Shape) -> Bool {
        if shape.tail.isEmpty { return true }
        let lower = shape.tail.lowercased()
        if [".x-dev", ".x.dev", ".xdev", ".*-dev", ".*.dev", ".*dev"].contains(lower) { return true }
        return ComposerScanner.modifier(Array(shape.tail.utf8), from: 0, base: "") != nil
    }

    /// Composer's `parseStability` is `stable` for releases and `-patchN` versions.
    static func isStable(_ normalized: String) -> Bool {
        guard !normalized.hasPrefix("dev-"), let hyphen = normalized.firstIndex(of: "-") else {
            return !normalized.hasPrefix("dev-")
        }
        return normalized[normalized.index(after: hyphen)...].hasPrefix("patch")
    }

    /// Composer's `manipulateVersionString`: pads after `position` and adds `increment` at it.
    static func manipulate(_ numbers: [String], _ position: Int, _ increment: Int = 0) -> String {
        var parts = (0..<4).map { $0 < numbers.count ? (Int(numbers[$0]) ?? 0) : 0 }
        for index in stride(from: 3, through: 0, by: -1) {
            if index > position - 1 {
                parts[index] = 0
            } else if index == position - 1 {
                parts[index] += increment
            }
        }
        return parts.map(String.init).joined(separator: ".")
    }

    private static func normalized(_ text: Substring, _ constraint: String) throws(VersionError) -> String {
        do {
            return try ComposerVersion.normalize(String(text))
        } catch {
            throw invalidConstraint("bad version \"\(text)\"", constraint)
        }
    }

    static func parse(_ raw: String, constraint: String) throws(VersionError) -> [Comparator] {
        var clause = Substring(raw)
        var stabilityModifier: String?
        // `…@stability` on a clause without spaces: stripped, and kept to loosen `!=`, `<=`, `>` bounds.
        if let at = clause.lastIndex(of: "@"), !clause.contains(" "),
            ComposerConstraint.stabilities.contains(clause[clause.index(after: at)...].lowercased())
        {
            let flag = clause[clause.index(after: at)...].lowercased()
            if flag != "stable" { stabilityModifier = flag }
            clause = clause[..<at]
            if clause.isEmpty { clause = "*" }
        }
        if clause.allSatisfy({ "vxX*.".contains($0) }) && clause.contains(where: { "xX*".contains($0) }) {
            return clause.count == 1 ? [] : [Comparator(op: .greaterOrEqual, version: "0.0.0.0-dev")]
        }
        if clause.hasPrefix("~>") { throw invalidConstraint("use ~ instead of ~>", constraint) }
        if clause.first == "~" || clause.first == "^", let shape = shape(clause.dropFirst()), validTail(shape) {
            let xDev = shape.tail.lowercased().hasPrefix(".x")
            let suffix = shape.tail.isEmpty ? "-dev" : ""
            let low = try normalized(Substring(clause.dropFirst() + suffix), constraint)
            let n = shape.numbers
            var position: Int
            if clause.first == "~" {
                position = n.count + (xDev ? 1 : 0)
                position = max(1, position - 1)
            } else if n[0] != "0" || n.count < 2 {
                position = 1
            } else if n[1] != "0" || n.count < 3 {
                position = 2
            } else {
                position = 3
            }
            return [
                Comparator(op: .greaterOrEqual, version: low),
                Comparator(op: .less, version: manipulate(n, position, 1) + "-dev"),
            ]
        }
        if let shape = shape(clause), shape.numbers.count <= 3, !shape.tail.isEmpty,
            shape.tail.split(separator: ".", omittingEmptySubsequences: false).dropFirst().allSatisfy({
                $0 == "x" || $0 == "X" || $0 == "*"
            }), shape.tail.first == "."
        {
            let position = shape.numbers.count
            let low = manipulate(shape.numbers, position) + "-dev"
            let high = Comparator(op: .less, version: manipulate(shape.numbers, position, 1) + "-dev")
            return low == "0.0.0.0-dev" ? [high] : [Comparator(op: .greaterOrEqual, version: low), high]
        }
        let hyphen = clause.components(separatedBy: " - ")
        if hyphen.count == 2, let from = shape(hyphen[0]), let to = shape(hyphen[1]), validTail(from), validTail(to) {
            let low = try normalized(hyphen[0], constraint) + (from.tail.isEmpty ? "-dev" : "")
            _ = try normalized(hyphen[1], constraint)
            let upper: Comparator
            if to.numbers.count >= 3 || !to.tail.isEmpty {
                upper = Comparator(op: .lessOrEqual, version: try normalized(hyphen[1], constraint))
            } else {
                upper = Comparator(op: .less, version: manipulate(to.numbers, to.numbers.count < 2 ? 1 : 2, 1) + "-dev")
            }
            return [Comparator(op: .greaterOrEqual, version: low), upper]
        }
        var op: Comparator.Operator = .equal
        var rest = clause
        for (token, value) in [
            ("<>", Comparator.Operator.notEqual), ("!=", .notEqual), (">=", .greaterOrEqual),
            ("<=", .lessOrEqual), ("==", .equal), (">", .greater), ("<", .less), ("=", .equal),
        ]
        where rest.hasPrefix(token) {
            op = value
            rest = rest.dropFirst(token.count).trimmed
            break
        }
        var version: String
        do {
            version = try ComposerVersion.normalize(String(rest))
        } catch {
            // Composer reads `foo-dev` as the branch `dev-foo`.
            guard rest.hasSuffix("-dev"),
                rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-./".contains($0)) })
            else { throw invalidConstraint("bad version \"\(rest)\"", constraint) }
            version = "dev-" + rest.dropLast(4)
        }
        if op != .equal, let stabilityModifier, isStable(version) {
            version += "-" + stabilityModifier
        } else if (op == .less || op == .greaterOrEqual) && !rest.contains("-") && !version.hasPrefix("dev-") {
            version += "-dev"
        }
        return [Comparator(op: op, version: version)]
    }
}
