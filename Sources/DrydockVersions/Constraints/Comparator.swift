/// One primitive bound such as `>= 1.2.0`, evaluated with a scheme's ordering.
struct Comparator: Sendable, Hashable {
    enum Operator: String, Sendable, Hashable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "="
        case notEqual = "!="
    }

    var op: Operator
    var version: String

    func matches(_ candidate: String, scheme: VersionScheme) throws(VersionError) -> Bool {
        let order = try scheme.compare(candidate, version)
        switch op {
        case .less: return order == .less
        case .lessOrEqual: return order != .greater
        case .greater: return order == .greater
        case .greaterOrEqual: return order != .less
        case .equal: return order == .equal
        case .notEqual: return order != .equal
        }
    }

    /// Splits a leading operator (`<`, `<=`, `>`, `>=`, `=`, `==`, `!=`, and Debian's `<<`, `>>`) off `text`.
    static func split(_ text: Substring) -> (Operator?, Substring) {
        let table: [(String, Operator)] = [
            ("<<", .less), (">>", .greater), ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("==", .equal),
            ("!=", .notEqual), ("<", .less), (">", .greater), ("=", .equal),
        ]
        for (token, op) in table where text.hasPrefix(token) {
            return (op, text.dropFirst(token.count).drop { $0 == " " || $0 == "\t" })
        }
        return (nil, text)
    }
}

/// Builds the error for a constraint that cannot be read.
func invalidConstraint(_ reason: String, _ text: String) -> VersionError {
    VersionError(code: .invalidConstraint, reason: "invalid constraint: \(reason)", version: text)
}

extension Substring {
    /// The text without surrounding ASCII whitespace.
    var trimmed: Substring {
        let bytes = self.utf8
        guard let first = bytes.firstIndex(where: { !ByteClass.isSpace($0) }),
            let last = bytes.lastIndex(where: { !ByteClass.isSpace($0) })
        else { return "" }
        return Substring(bytes[first...last])
    }

    /// Splits on any of `separators`, trimming and dropping empty pieces.
    func pieces(_ separators: Set<Character>) -> [Substring] {
        split(whereSeparator: { separators.contains($0) }).map(\.trimmed).filter { !$0.isEmpty }
    }

    /// Splits on a multi-character separator such as `||`.
    func components(separatedBy separator: String) -> [Substring] {
        var result: [Substring] = []
        var rest = self[...]
        while let range = rest.range(of: separator) {
            result.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        result.append(rest)
        return result
    }
}
