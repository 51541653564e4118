/// A path pattern matched the way Trivy matches `.trivyignore.yaml` paths (the doublestar rules).
///
/// - `*` matches any run of characters other than `/`; `?` one character other than `/`;
/// - `**` as a whole path segment matches zero or more segments (`a/**` matches `a`, `a/b` and `a/b/c`;
///   `**/c` matches `c` and `x/y/c`); inside a segment it behaves as `*`;
/// - `[abc]`, `[a-z]`, `[^…]` / `[!…]` match one character of (or not of) a class;
/// - `{a,b}` matches either alternative (alternatives nest and may hold `/`);
/// - `\` makes the next character literal.
///
/// The whole path must match. An unclosed or empty class, an unbalanced brace or a trailing `\` is an error, as
/// Trivy's pattern validation reports it.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    /// Every brace alternative, expanded, split into segments.
    private let alternatives: [[GlobSegment]]
    /// The expanded alternatives as written (escapes kept), for ``covers(_:)``.
    private let expanded: [String]

    /// Parses `text`, or throws what is wrong with it.
    public init(_ text: String) throws(GlobSyntaxError) {
        self.text = text
        let expanded = try GlobPattern.expandBraces(Array(text))
        self.expanded = expanded.map { String($0) }
        alternatives = try expanded.map { alternative throws(GlobSyntaxError) in
            try GlobPattern.segments(alternative, pattern: text)
        }
    }

    public var description: String { text }

    /// Whether `path` matches the whole pattern.
    public func matches(_ path: String) -> Bool {
        let names = path.split(separator: "/", omittingEmptySubsequences: false).map { Array($0) }
        return alternatives.contains { GlobPattern.match($0[...], names[...]) }
    }

    /// Whether the pattern has no special characters: it matches exactly one string.
    public var isLiteral: Bool { literalText != nil }

    /// The one string a literal pattern matches (escapes removed), or `nil`.
    public var literalText: String? {
        guard expanded.count == 1 else { return nil }
        let (prefix, rest) = GlobPattern.literalPrefix(Array(expanded[0]))
        return rest.isEmpty ? prefix : nil
    }

    /// Whether the pattern matches every string (`**`).
    public var matchesEverything: Bool {
        alternatives.contains { $0.count == 1 && $0[0] == .globstar }
    }

    /// Whether every string `other` matches is also matched by this pattern.
    ///
    /// Sound, not complete: `true` only when that is certain (same pattern, `**`, a literal this pattern
    /// matches, or a literal prefix under this pattern's `PREFIX*` / `PREFIX/**`); `false` otherwise.
    public func covers(_ other: GlobPattern) -> Bool {
        if other.text == text || matchesEverything { return true }
        return other.expanded.allSatisfy { alternative in
            let (prefix, rest) = GlobPattern.literalPrefix(Array(alternative))
            if rest.isEmpty { return matches(prefix) }
            return expanded.contains { mine in
                let (myPrefix, myRest) = GlobPattern.literalPrefix(Array(mine))
                // PREFIX/** covers anything under PREFIX/.
                if String(myRest) == "**", myPrefix.hasSuffix("/") || myPrefix.isEmpty {
                    return prefix.hasPrefix(myPrefix)
                }
                if String(myRest) == "/**" { return prefix.hasPrefix(myPrefix + "/") }
                // PREFIX* covers a longer prefix followed by anything that cannot reach past a `/`.
                if String(myRest) == "*" {
                    return prefix.hasPrefix(myPrefix) && !prefix.dropFirst(myPrefix.count).contains("/")
                        && !rest.contains("/") && !rest.contains("{")
                        && !GlobPattern.hasGlobstar(rest)
                }
                return false
            }
        }
    }

    // MARK: Parsing

    /// The characters before the first special one (escapes removed) and the rest as written.
    static func literalPrefix(_ characters: [Character]) -> (String, [Character]) {
        var prefix = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                prefix.append(characters[index + 1])
                index += 2
                continue
            }
            if "*?[{".contains(character) { break }
            prefix.append(character)
            index += 1
        }
        return (prefix, Array(characters[index...]))
    }

    private static func hasGlobstar(_ characters: [Character]) -> Bool {
        zip(characters, characters.dropFirst()).contains { $0 == "*" && $1 == "*" }
    }

    /// Expands `{a,b}` alternatives (nested ones too); escapes and classes are kept as written.
    static func expandBraces(_ characters: [Character]) throws(GlobSyntaxError) -> [[Character]] {
        var index = 0
        let result = try expandSequence(characters, &index, depth: 0)
        if index < characters.count {
            throw GlobSyntaxError(pattern: String(characters), reason: "'}' without a matching '{'")
        }
        guard result.count <= 4096 else {
            throw GlobSyntaxError(pattern: String(characters), reason: "more than 4096 alternatives")
        }
        return result
    }

    /// Expands from `index` to the end, or up to the `,` / `}` that ends the enclosing alternative.
    private static func expandSequence(_ characters: [Character], _ index: inout Int, depth: Int)
        throws(GlobSyntaxError) -> [[Character]]
    {
        var results: [[Character]] = [[]]
        func append(_ piece: [Character]) { results = results.map { $0 + piece } }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                guard index + 1 < characters.count else {
                    throw GlobSyntaxError(pattern: String(characters), reason: "'\\' at the end escapes nothing")
                }
                append([character, characters[index + 1]])
                index += 2
            case "[":
                let end = try classEnd(characters, from: index)
                append(Array(characters[index...end]))
                index = end + 1
            case "{":
                index += 1
                var options: [[Character]] = []
                while true {
                    options += try expandSequence(characters, &index, depth: depth + 1)
                    guard index < characters.count else {
                        throw GlobSyntaxError(pattern: String(characters), reason: "'{' is never closed")
                    }
                    let separator = characters[index]
                    index += 1
                    if separator == "}" { break }
                }
                results = results.flatMap { prefix in options.map { prefix + $0 } }
                if results.count > 4096 {
                    throw GlobSyntaxError(pattern: String(characters), reason: "more than 4096 alternatives")
                }
            case "," where depth > 0, "}" where depth > 0:
                return results
            case "}":
                throw GlobSyntaxError(pattern: String(characters), reason: "'}' without a matching '{'")
            default:
                append([character])
                index += 1
            }
        }
        return results
    }

    /// The index of the `]` closing the class that opens at `start`.
    private static func classEnd(_ characters: [Character], from start: Int) throws(GlobSyntaxError) -> Int {
        var index = start + 1
        if index < characters.count, characters[index] == "^" || characters[index] == "!" { index += 1 }
        guard index < characters.count else {
            throw GlobSyntaxError(pattern: String(characters), reason: "'[' is never closed")
        }
        if characters[index] == "]" {
            throw GlobSyntaxError(pattern: String(characters), reason: "empty character class '[]'")
        }
        while index < characters.count {
            if characters[index] == "\\" {
                index += 2
                continue
            }
            if characters[index] == "]" { return index }
            index += 1
        }
        throw GlobSyntaxError(pattern: String(characters), reason: "'[' is never closed")
    }

    /// Splits one expanded alternative into segments of tokens.
    private static func segments(_ characters: [Character], pattern: String) throws(GlobSyntaxError)
        -> [GlobSegment]
    {
        var segments: [GlobSegment] = []
        var tokens: [GlobToken] = []
        var raw: [Character] = []
        var index = 0
        func close() {
            segments.append(raw == ["*", "*"] ? .globstar : .tokens(tokens))
            tokens = []
            raw = []
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "/":
                close()
                index += 1
                continue
            case "\\":
                tokens.append(.literal(characters[index + 1]))
                raw += ["\\", characters[index + 1]]
                index += 2
                continue
            case "*":
                if tokens.last != .star { tokens.append(.star) }
            case "?":
                tokens.append(.one)
            case "[":
                let end = try classEnd(characters, from: index)
                tokens.append(.characterClass(GlobClass(Array(characters[(index + 1)..<end]))))
                raw += characters[index...end]
                index = end + 1
                continue
            default:
                tokens.append(.literal(character))
            }
            raw.append(character)
            index += 1
        }
        close()
        return segments
    }

    // MARK: Matching

    private static func match(_ pattern: ArraySlice<GlobSegment>, _ names: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return names.isEmpty }
        if first == .globstar {
            let rest = pattern.dropFirst()
            // `a/**/` also matches `a`: a final empty segment after `**` is optional.
            if rest.count == 1, rest.first == .tokens([]), names.isEmpty { return true }
            var remaining = names
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let name = names.first, case .tokens(let tokens) = first, matchSegment(tokens[...], name[...]) else {
            return false
        }
        return match(pattern.dropFirst(), names.dropFirst())
    }

    /// Matches one segment, backtracking over `*`.
    private static func matchSegment(_ tokens: ArraySlice<GlobToken>, _ name: ArraySlice<Character>) -> Bool {
        var tokenIndex = tokens.startIndex
        var nameIndex = name.startIndex
        var starToken: Int?
        var starName = name.startIndex
        while nameIndex < name.endIndex {
            if tokenIndex < tokens.endIndex {
                switch tokens[tokenIndex] {
                case .star:
                    starToken = tokenIndex
                    starName = nameIndex
                    tokenIndex += 1
                    continue
                case .one:
                    tokenIndex += 1
                    nameIndex += 1
                    continue
                case .literal(let character) where character == name[nameIndex]:
                    tokenIndex += 1
                    nameIndex += 1
                    continue
                case .characterClass(let set) where set.contains(name[nameIndex]):
                    tokenIndex += 1
                    nameIndex += 1
                    continue
                default:
                    break
                }
            }
            guard let star = starToken else { return false }
            tokenIndex = star + 1
            starName += 1
            nameIndex = starName
        }
        while tokenIndex < tokens.endIndex, tokens[tokenIndex] == .star { tokenIndex += 1 }
        return tokenIndex == tokens.endIndex
    }
}

/// One `/`-separated part of a pattern.
enum GlobSegment: Sendable, Hashable {
    /// `**` on its own: zero or more segments.
    case globstar
    case tokens([GlobToken])
}

enum GlobToken: Sendable, Hashable {
    case literal(Character)
    /// `?`
    case one
    /// `*`
    case star
    case characterClass(GlobClass)
}

/// A `[…]` class: single characters and ranges, possibly negated.
struct GlobClass: Sendable, Hashable {
    var negated = false
    var characters: Set<Character> = []
    var ranges: [ClosedRange<Character>] = []

    /// Parses the text between `[` and `]`.
    init(_ body: [Character]) {
        var index = 0
        if index < body.count, body[index] == "^" || body[index] == "!" {
            negated = true
            index += 1
        }
        func next() -> Character {
            if body[index] == "\\", index + 1 < body.count {
                index += 2
                return body[index - 1]
            }
            index += 1
            return body[index - 1]
        }
        while index < body.count {
            let low = next()
            if index + 1 < body.count, body[index] == "-" {
                index += 1
                let high = next()
                if low <= high { ranges.append(low...high) }
            } else {
                characters.insert(low)
            }
        }
    }

    func contains(_ character: Character) -> Bool {
        guard character != "/" else { return false }
        let inside = characters.contains(character) || ranges.contains { $0.contains(character) }
        return inside != negated
    }
}

/// A pattern that cannot be used, and why.
public struct GlobSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    public var reason: String

    public var description: String { "invalid pattern '\(pattern)': \(reason)" }
}
