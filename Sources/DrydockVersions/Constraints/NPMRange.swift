/// node-semver ranges (`^1.2`, `~1.2.3`, `1.x`, `1.2.3 - 2`, `>=1 <2 || 3`), also used for Cargo, SemVer,
/// Go, Pub and Swift requirements after their own syntax is mapped onto it.
///
/// Each `||` alternative is a set of comparators that must all hold. Shorthands desugar as node-semver
/// does: `^1.2.3` → `>=1.2.3 <2.0.0-0`, `^0.2.3` → `>=0.2.3 <0.3.0-0`, `~1.2` → `>=1.2.0 <1.3.0-0`,
/// `1.x` → `>=1.0.0 <2.0.0-0`, `1.2 - 2` → `>=1.2.0 <3.0.0-0`. With `prereleaseRule`, a pre-release
/// version matches only when a comparator of the same alternative names a pre-release of the same
/// `major.minor.patch` (so `1.0.0-beta` does not satisfy `>=0.9`).
struct NPMRange {
    /// A partially given version: missing or `x`/`X`/`*` parts are `nil`.
    struct Partial {
        var major: Int?
        var minor: Int?
        var patch: Int?
        var suffix: Substring = ""

        var full: String { "\(major ?? 0).\(minor ?? 0).\(patch ?? 0)\(suffix)" }
        var hasPrerelease: Bool { suffix.hasPrefix("-") }
    }

    var alternatives: [[Comparator]]

    /// Parses a range; `pubCaret` gives `^0.0.x` Pub's meaning (`<0.1.0`) instead of npm's (`<0.0.(x+1)`).
    static func parse(_ text: String, pubCaret: Bool = false) throws(VersionError) -> NPMRange {
        var alternatives: [[Comparator]] = []
        for alternative in Substring(text).components(separatedBy: "||") {
            alternatives.append(try parseSet(alternative.trimmed, text: text, pubCaret: pubCaret))
        }
        return NPMRange(alternatives: alternatives)
    }

    static func parsePartial(_ raw: Substring, text: String) throws(VersionError) -> Partial {
        var body = raw.trimmed
        while body.first == "=" || body.first == "v" || body.first == " " { body = body.dropFirst() }
        var partial = Partial()
        if let index = body.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            partial.suffix = body[index...]
            body = body[..<index]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 3, !body.isEmpty || partial.suffix.isEmpty else {
            throw invalidConstraint("bad version \"\(raw)\"", text)
        }
        var numbers: [Int?] = []
        for part in parts {
            if part == "x" || part == "X" || part == "*" || part.isEmpty && parts.count == 1 {
                numbers.append(nil)
            } else if let number = Int(part), part.utf8.allSatisfy(ByteClass.isDigit) {
                if numbers.contains(where: { $0 == nil }) {
                    throw invalidConstraint("number after x in \"\(raw)\"", text)
                }
                numbers.append(number)
            } else {
                throw invalidConstraint("bad version \"\(raw)\"", text)
            }
        }
        partial.major = numbers.first ?? nil
        partial.minor = numbers.count > 1 ? numbers[1] : nil
        partial.patch = numbers.count > 2 ? numbers[2] : nil
        if partial.patch == nil && !partial.suffix.isEmpty {
            throw invalidConstraint("pre-release on partial version", text)
        }
        return partial
    }

    private static func bound(_ op: Comparator.Operator, _ version: String) -> Comparator {
        Comparator(op: op, version: version)
    }

    /// Joins operators to their versions (`>= 1.2` → `>=1.2`) and splits on whitespace.
    private static func tokens(_ set: Substring) -> [Substring] {
        var result: [Substring] = []
        var pendingOperator: Substring?
        for word in set.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if let op = pendingOperator {
                let start = op.startIndex
                result.append(set[start..<word.endIndex].filter { $0 != " " && $0 != "\t" }[...])
                pendingOperator = nil
            } else if word.allSatisfy({ "<>=~^".contains($0) }) {
                pendingOperator = word
            } else {
                result.append(word)
            }
        }
        if let op = pendingOperator { result.append(op) }
        return result
    }

    static func parseSet(_ set: Substring, text: String, pubCaret: Bool = false) throws(VersionError)
        -> [Comparator]
    {
        let words = set.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.count == 3 && words[1] == "-" {
            return try hyphen(parsePartial(words[0], text: text), parsePartial(words[2], text: text))
        }
        var result: [Comparator] = []
        for token in tokens(set) {
            result.append(contentsOf: try desugar(token, text: text, pubCaret: pubCaret))
        }
        return result
    }

    private static func hyphen(_ from: Partial, _ to: Partial) -> [Comparator] {
        var result: [Comparator] = []
        if from.major != nil { result.append(bound(.greaterOrEqual, from.full)) }
        if let major = to.major {
            if let minor = to.minor {
                if to.patch == nil {
                    result.append(bound(.less, "\(major).\(minor + 1).0-0"))
                } else {
                    result.append(bound(.lessOrEqual, to.full))
                }
            } else {
                result.append(bound(.less, "\(major + 1).0.0-0"))
            }
        }
        return result
    }

    private static func desugar(_ token: Substring, text: String, pubCaret: Bool) throws(VersionError)
        -> [Comparator]
    {
        if token == "*" || token.isEmpty { return [] }
        if token.hasPrefix("^") {
            let p = try parsePartial(token.dropFirst(), text: text)
            guard let major = p.major else { return [] }
            guard let minor = p.minor else {
                return [bound(.greaterOrEqual, p.full), bound(.less, "\(major + 1).0.0-0")]
            }
            let lower = bound(.greaterOrEqual, p.full)
            if major != 0 { return [lower, bound(.less, "\(major + 1).0.0-0")] }
            guard let patch = p.patch, minor == 0, !pubCaret else {
                return [lower, bound(.less, "0.\(minor + 1).0-0")]
            }
            return [lower, bound(.less, "0.0.\(patch + 1)-0")]
        }
        if token.hasPrefix("~") {
            var rest = token.dropFirst()
            if rest.first == ">" { rest = rest.dropFirst() }
            let p = try parsePartial(rest, text: text)
            guard let major = p.major else { return [] }
            guard let minor = p.minor else {
                return [bound(.greaterOrEqual, p.full), bound(.less, "\(major + 1).0.0-0")]
            }
            return [bound(.greaterOrEqual, p.full), bound(.less, "\(major).\(minor + 1).0-0")]
        }
        let (parsedOp, rest) = Comparator.split(token)
        let p = try parsePartial(rest, text: text)
        guard var op = parsedOp, op != .equal else {
            // Plain or `=`: an exact version, or an x-range.
            guard let major = p.major else { return [] }
            guard let minor = p.minor else {
                return [bound(.greaterOrEqual, p.full), bound(.less, "\(major + 1).0.0-0")]
            }
            guard p.patch != nil else {
                return [bound(.greaterOrEqual, p.full), bound(.less, "\(major).\(minor + 1).0-0")]
            }
            return [bound(.equal, p.full)]
        }
        if op == .notEqual { throw invalidConstraint("npm ranges have no != operator", text) }
        guard var major = p.major else { return op == .less || op == .greater ? [bound(.less, "0.0.0-0")] : [] }
        guard p.minor == nil || p.patch == nil else { return [bound(op, p.full)] }
        var minor = p.minor ?? 0
        if op == .greater {
            op = .greaterOrEqual
            if p.minor == nil { major += 1; minor = 0 } else { minor += 1 }
        } else if op == .lessOrEqual {
            op = .less
            if p.minor == nil { major += 1; minor = 0 } else { minor += 1 }
        }
        return [bound(op, "\(major).\(minor).0" + (op == .less ? "-0" : ""))]
    }

    /// Whether `version` satisfies the range under `scheme`'s ordering.
    func contains(_ version: String, scheme: VersionScheme, prereleaseRule: Bool) throws(VersionError) -> Bool {
        try scheme.validate(version)
        let prerelease = Self.releaseTriple(version)
        for set in alternatives {
            var ok = true
            for comparator in set where try !comparator.matches(version, scheme: scheme) {
                ok = false
                break
            }
            guard ok else { continue }
            if prereleaseRule, let triple = prerelease {
                guard set.contains(where: { Self.releaseTriple($0.version) == triple }) else { continue }
            }
            return true
        }
        return false
    }

    /// `major.minor.patch` of a version that has a pre-release part, else `nil`.
    static func releaseTriple(_ version: String) -> Substring? {
        var text = Substring(version).trimmed
        while text.first == "=" || text.first == "v" { text = text.dropFirst() }
        if let plus = text.firstIndex(of: "+") { text = text[..<plus] }
        guard let hyphen = text.firstIndex(of: "-") else { return nil }
        return text[..<hyphen]
    }
}
