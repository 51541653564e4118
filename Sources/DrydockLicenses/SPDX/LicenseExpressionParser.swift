import Foundation

/// Reads license expressions as packages write them — SPDX expressions (`MIT OR Apache-2.0`), Debian's
/// (`GPL-2+ or Artistic, and BSD-3-clause`), and free-form ones (`GPLv2+ and/or MIT`, `LGPL-2.1+ | MPL-1.1`) —
/// into a `LicenseExpression` with every name normalised (`LicenseNames`).
///
/// Operators are recognised in any case: `and`, `&`, `or`, `|`, `and/or` (read as `OR`: either may be
/// chosen), `with` (an exception), and `,` (a list, like `AND`; `, and` and `, or` bind loosest, as in
/// Debian's copyright format). `AND` binds tighter than `OR`. Words that belong to a name are left in it:
/// `or later`, `or (at your option) any later version`, `Library or Lesser`, `Development and Distribution`,
/// `Notice and Disclaimer`, and a comma before `Version` (`Apache License, Version 2.0`). A parenthesised
/// part without an operator is part of the name (`MIT License (MIT)`, `GPL (>= 2)`).
public enum LicenseExpressionParser {
    /// The expression `text` states, or `nil` when it names nothing (empty, `UNKNOWN`, `NOASSERTION`).
    public static func parse(_ text: String) -> LicenseExpression? {
        if let cached = cache.value(for: text) { return cached }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var parsed: LicenseExpression?
        if trimmed.utf8.count > maximumLength {
            // No expression is this long (a license text pasted in a name field, or hostile input): not parsed,
            // since names are cleaned in time that grows faster than their length.
            parsed = .license("LicenseRef-unknown")
        } else if !trimmed.isEmpty, !LicenseNames.isPlaceholder(trimmed) {
            var parser = Parser(tokens: tokenize(protect(trimmed)))
            parsed = parser.list()
        }
        cache.store(parsed, for: text)
        return parsed
    }

    /// The longest text read as an expression, in UTF-8 bytes; longer text is `LicenseRef-unknown`.
    public static let maximumLength = 4096
    /// The deepest parenthesised sub-expression parsed; deeper groups end the expression (no unbounded recursion).
    static let maximumDepth = 32

    /// The same names recur in thousands of packages (`GPL-2+`, `MIT`): each is parsed once per process.
    static let cache = ParseCache()

    // MARK: - Tokens

    enum Token: Equatable {
        case word(String)
        case open
        case close
        case and
        case or
        case with
        case comma
    }

    /// Phrases whose `and` / `or` are not operators, rewritten so the tokenizer keeps them in the name.
    static func protect(_ text: String) -> String {
        let lower = text.lowercased()
        guard lower.contains(" or ") || lower.contains(" and ") || lower.contains("_") else { return text }
        var result = text
        let rewrites: [(String, String)] = [
            ("or (at your option) any later version", "or-later"),
            ("or any later version", "or-later"),
            ("or (at your option) later", "or-later"),
            ("or later", "or-later"),
            ("or newer", "or-later"),
            ("or greater", "or-later"),
            ("library or lesser", "Library-or-Lesser"),
            ("development and distribution", "Development-and-Distribution"),
            ("notice and disclaimer", "Notice-and-Disclaimer"),
            ("_or_", " or "),
            ("_and_", " and "),
        ]
        for (phrase, replacement) in rewrites {
            result = result.replacingOccurrences(of: phrase, with: replacement, options: .caseInsensitive)
        }
        return result
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            switch word.lowercased() {
            case "and", "&", "&&": tokens.append(.and)
            case "or", "|", "||", "and/or": tokens.append(.or)
            case "with": tokens.append(.with)
            default: tokens.append(.word(word))
            }
            word = ""
        }
        for character in text {
            switch character {
            case "(": flush(); tokens.append(.open)
            case ")": flush(); tokens.append(.close)
            case ",", ";": flush(); tokens.append(.comma)
            case _ where character.isWhitespace: flush()
            default: word.append(character)
            }
        }
        flush()
        return tokens
    }

    // MARK: - Grammar

    struct Parser {
        var tokens: [Token]
        var position = 0
        var depth = 0

        var current: Token? { position < tokens.count ? tokens[position] : nil }

        /// list := disjunction ((',' ['and' | 'or']) disjunction)*; `, or` joins the item before by `OR`.
        mutating func list() -> LicenseExpression? {
            var conjoined: [LicenseExpression] = []
            var item = disjunction()
            while current == .comma {
                position += 1
                let isOr = current == .or
                if current == .or || current == .and { position += 1 }
                guard let next = disjunction() else { continue }
                if isOr, let previous = item {
                    item = LicenseExpression.any([previous, next])
                } else {
                    if let previous = item { conjoined.append(previous) }
                    item = next
                }
            }
            if let item { conjoined.append(item) }
            return LicenseExpression.all(conjoined)
        }

        /// disjunction := conjunction ('or' conjunction)*
        mutating func disjunction() -> LicenseExpression? {
            var operands: [LicenseExpression] = []
            if let first = conjunction() { operands.append(first) }
            while current == .or {
                position += 1
                if let next = conjunction() { operands.append(next) }
            }
            return LicenseExpression.any(operands)
        }

        /// conjunction := term ('and' term)*
        mutating func conjunction() -> LicenseExpression? {
            var operands: [LicenseExpression] = []
            if let first = term() { operands.append(first) }
            while current == .and {
                position += 1
                if let next = term() { operands.append(next) }
            }
            return LicenseExpression.all(operands)
        }

        /// term := ('(' list ')' | name) ('with' name)?
        mutating func term() -> LicenseExpression? {
            var base: LicenseExpression?
            if current == .open, depth < LicenseExpressionParser.maximumDepth, groupHasOperator(at: position) {
                position += 1
                depth += 1
                base = list()
                depth -= 1
                if current == .close { position += 1 }
            } else if let name = name() {
                base = LicenseNames.normalize(name)
            }
            guard current == .with else { return base }
            position += 1
            guard let exception = name() else { return base }
            guard let base else { return nil }
            return LicenseNames.attach(exception: exception, to: base)
        }

        /// Words, and parenthesised parts without operators, up to the next operator.
        mutating func name() -> String? {
            var parts: [String] = []
            while let token = current {
                switch token {
                case .word(let word):
                    parts.append(word)
                    position += 1
                case .open:
                    guard !groupHasOperator(at: position), let end = closing(from: position) else {
                        return joined(parts)
                    }
                    let inner = tokens[(position + 1)..<end].compactMap { token -> String? in
                        if case .word(let word) = token { return word }
                        return token == .comma ? "," : nil
                    }
                    parts.append("(" + inner.joined(separator: " ") + ")")
                    position = end + 1
                case .comma:
                    // `Apache License, Version 2.0`: a comma before a version belongs to the name.
                    if case .word(let next)? = position + 1 < tokens.count ? tokens[position + 1] : nil,
                        LicenseNames.isVersionWord(next), !parts.isEmpty
                    {
                        position += 1
                        continue
                    }
                    return joined(parts)
                default:
                    return joined(parts)
                }
            }
            return joined(parts)
        }

        func joined(_ parts: [String]) -> String? {
            parts.isEmpty ? nil : parts.joined(separator: " ")
        }

        /// The index of the `.close` matching the `.open` at `start`.
        func closing(from start: Int) -> Int? {
            var depth = 0
            for index in start..<tokens.count {
                if tokens[index] == .open { depth += 1 }
                if tokens[index] == .close {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            return nil
        }

        /// Whether the group opened at `start` holds an operator at its own depth (a sub-expression).
        func groupHasOperator(at start: Int) -> Bool {
            guard let end = closing(from: start) else { return false }
            var depth = 0
            for token in tokens[(start + 1)..<end] {
                switch token {
                case .open: depth += 1
                case .close: depth -= 1
                case .and, .or, .with: if depth == 0 { return true }
                default: continue
                }
            }
            return false
        }
    }
}
