import DrydockLicenses
import Foundation

/// A declared license in SPDX terms: a listed identifier, a valid compound expression, or a plain name.
///
/// Package metadata holds licenses as their authors wrote them (`MIT`, `Apache 2.0`, `GPLv2+`,
/// `MIT OR Apache-2.0`, `Custom: see LICENSE`). SBOM formats tell SPDX identifiers and expressions apart from
/// free-form names, and consumers (license policies, Dependency-Track) only evaluate the former, so each
/// declared license is classified once here and both writers use the result.
public enum SPDXLicenseExpression: Sendable, Hashable {
    /// One identifier from the SPDX license list, as SPDX spells it (`Apache-2.0`), or a `LicenseRef-`.
    case identifier(String)
    /// A valid compound expression (`MIT OR Apache-2.0`, `GPL-2.0-or-later WITH Classpath-exception-2.0`),
    /// identifiers and operators in SPDX's spelling.
    case expression(String)
    /// Text that is no SPDX identifier or expression (`BSD`, `Custom license`), kept as written.
    case name(String)

    /// Classifies `text` (surrounding spaces ignored). Identifiers match the SPDX list case-insensitively;
    /// a name that is no expression but means one listed license (`Apache 2.0`, `GPLv2+`, `MIT License`) is
    /// read as that identifier; everything else is a `name`.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let tokens = Self.tokenize(trimmed), !tokens.isEmpty {
            var parser = Parser(tokens: tokens)
            if let parsed = parser.parseExpression(), parser.index == tokens.count {
                self = tokens.count == 1 ? .identifier(parsed) : .expression(parsed)
                return
            }
        }
        if let alias = Self.alias(trimmed) {
            self = .identifier(alias)
            return
        }
        self = .name(trimmed)
    }

    /// The SPDX text: the identifier or expression; `nil` for a name.
    public var spdx: String? {
        switch self {
        case .identifier(let text), .expression(let text): text
        case .name: nil
        }
    }

    /// The text as written for a name, the SPDX text otherwise.
    public var text: String {
        switch self {
        case .identifier(let text), .expression(let text), .name(let text): text
        }
    }

    /// The `LicenseRef-` an SPDX document uses for a license name that SPDX does not list: only letters,
    /// digits, `.` and `-` are allowed, everything else becomes `-`.
    public static func licenseRef(for name: String) -> String {
        let cleaned = name.unicodeScalars.map { scalar -> String in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "."
                    || scalar == "-")
                ? String(scalar) : "-"
        }.joined()
        return "LicenseRef-" + (cleaned.isEmpty ? "unknown" : cleaned)
    }

    /// A name that means exactly one listed license (`Apache 2.0`, `GPLv2+`, `MIT License`), as Drydock's
    /// license normaliser reads it; `nil` for names of no listed license (`BSD` says no version).
    static func alias(_ text: String) -> String? {
        guard case .license(let id)? = LicenseNames.known(text), !id.hasPrefix("LicenseRef-") else { return nil }
        return id
    }

    /// Words and parentheses; `nil` when a character no expression holds appears.
    static func tokenize(_ text: String) -> [String]? {
        var tokens: [String] = []
        var word = ""
        for character in text {
            switch character {
            case "(", ")":
                if !word.isEmpty { tokens.append(word) }
                word = ""
                tokens.append(String(character))
            case " ", "\t":
                if !word.isEmpty { tokens.append(word) }
                word = ""
            default:
                guard character.isASCII, character.isLetter || character.isNumber || "-.+:".contains(character)
                else { return nil }
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word) }
        return tokens
    }

    /// A recursive-descent parser of SPDX expressions that rewrites each token in SPDX's spelling.
    struct Parser {
        let tokens: [String]
        var index = 0

        init(tokens: [String]) { self.tokens = tokens }

        /// `or-expression := and-expression ("OR" and-expression)*`
        mutating func parseExpression() -> String? {
            guard var text = parseAnd() else { return nil }
            while index < tokens.count, tokens[index].uppercased() == "OR" {
                index += 1
                guard let next = parseAnd() else { return nil }
                text += " OR " + next
            }
            return text
        }

        /// `and-expression := term ("AND" term)*`
        mutating func parseAnd() -> String? {
            guard var text = parseTerm() else { return nil }
            while index < tokens.count, tokens[index].uppercased() == "AND" {
                index += 1
                guard let next = parseTerm() else { return nil }
                text += " AND " + next
            }
            return text
        }

        /// `term := "(" expression ")" | license ["WITH" exception]`
        mutating func parseTerm() -> String? {
            guard index < tokens.count else { return nil }
            if tokens[index] == "(" {
                index += 1
                guard let inner = parseExpression(), index < tokens.count, tokens[index] == ")" else { return nil }
                index += 1
                return "(" + inner + ")"
            }
            guard let license = Self.license(tokens[index]) else { return nil }
            index += 1
            guard index < tokens.count, tokens[index].uppercased() == "WITH" else { return license }
            index += 1
            guard index < tokens.count,
                let exception = DrydockLicenses.SPDXIdentifiers.exception(tokens[index])
            else { return nil }
            index += 1
            return license + " WITH " + exception
        }

        /// A listed identifier (with an optional `+`), or a `LicenseRef-`/`DocumentRef-…:LicenseRef-`.
        static func license(_ token: String) -> String? {
            if token.hasPrefix("LicenseRef-") || token.hasPrefix("DocumentRef-") { return token }
            if let exact = DrydockLicenses.SPDXIdentifiers.license(token) { return exact }
            if token.hasSuffix("+"), let base = DrydockLicenses.SPDXIdentifiers.license(String(token.dropLast())) {
                return base + "+"
            }
            return nil
        }
    }
}
