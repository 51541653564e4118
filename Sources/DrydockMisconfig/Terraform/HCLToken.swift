import Foundation

/// One token of HCL's native syntax, with the line it starts on.
struct HCLToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case number(Double)
        /// A quoted string (escapes decoded) or a heredoc body, still holding its `${…}` interpolations;
        /// a heredoc's content starts on the line after its token.
        case template(String, heredoc: Bool)
        /// Punctuation and operators: `{ } [ ] ( ) = , . ? : => ... == != < > <= >= && || ! + - * / %`.
        case symbol(String)
        case newline
        case end
    }

    var kind: Kind
    var line: Int

    var symbol: String? {
        if case .symbol(let symbol) = kind { return symbol }
        return nil
    }

    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    var describe: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .number(let number): "number \(number)"
        case .template: "a string"
        case .symbol(let symbol): "'\(symbol)'"
        case .newline: "end of line"
        case .end: "end of file"
        }
    }
}

/// Splits HCL text into tokens: comments (`#`, `//`, `/* */`) dropped, newlines kept (they end attributes),
/// quoted strings and heredocs kept whole for the template parser.
struct HCLLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line: Int

    init(_ text: Substring, firstLine: Int = 1) {
        scalars = Array(text.unicodeScalars)
        line = firstLine
    }

    static let symbols3 = ["..."]
    static let symbols2 = ["==", "!=", "<=", ">=", "&&", "||", "=>"]
    static let symbols1 = Set("{}[]()=,.?:<>!+-*/%".unicodeScalars)

    mutating func tokens() throws(ConfigParseError) -> [HCLToken] {
        var tokens: [HCLToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func next() throws(ConfigParseError) -> HCLToken {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                index += 1
            } else if scalar == "#" || (scalar == "/" && peek(1) == "/") {
                while let c = peek(), c != "\n" { index += 1 }
            } else if scalar == "/" && peek(1) == "*" {
                let start = line
                index += 2
                while true {
                    guard let c = peek() else { throw ConfigParseError("unterminated /* comment", line: start) }
                    if c == "*" && peek(1) == "/" {
                        index += 2
                        break
                    }
                    if c == "\n" { line += 1 }
                    index += 1
                }
            } else {
                break
            }
        }
        guard let scalar = peek() else { return HCLToken(kind: .end, line: line) }
        let startLine = line
        if scalar == "\n" {
            index += 1
            line += 1
            return HCLToken(kind: .newline, line: startLine)
        }
        if scalar == "\"" { return HCLToken(kind: .template(try quoted(), heredoc: false), line: startLine) }
        if scalar == "<", peek(1) == "<", let third = peek(2), third == "-" || Self.isIdentifierStart(third) {
            return HCLToken(kind: .template(try heredoc(), heredoc: true), line: startLine)
        }
        if Self.isIdentifierStart(scalar) {
            var name = ""
            while let c = peek(), Self.isIdentifierStart(c) || c == "-" || ("0"..."9").contains(c) {
                name.unicodeScalars.append(c)
                index += 1
            }
            return HCLToken(kind: .identifier(name), line: startLine)
        }
        if ("0"..."9").contains(scalar) { return HCLToken(kind: .number(try number()), line: startLine) }
        for candidate in Self.symbols3 + Self.symbols2 where matches(candidate) {
            index += candidate.unicodeScalars.count
            return HCLToken(kind: .symbol(candidate), line: startLine)
        }
        if Self.symbols1.contains(scalar) {
            index += 1
            return HCLToken(kind: .symbol(String(scalar)), line: startLine)
        }
        throw ConfigParseError("unexpected character '\(scalar)'", line: startLine)
    }

    private func matches(_ text: String) -> Bool {
        for (offset, scalar) in text.unicodeScalars.enumerated() where peek(offset) != scalar { return false }
        return true
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.properties.isAlphabetic)
    }

    private mutating func number() throws(ConfigParseError) -> Double {
        var text = ""
        while let c = peek(),
            ("0"..."9").contains(c) || c == "." || c == "e" || c == "E"
                || ((c == "+" || c == "-") && (text.last == "e" || text.last == "E"))
        {
            // `1.x` is not a number followed by an attribute: stop at a dot not followed by a digit.
            if c == ".", !(peek(1).map { ("0"..."9").contains($0) } ?? false) { break }
            text.unicodeScalars.append(c)
            index += 1
        }
        guard let value = Double(text) else { throw ConfigParseError("malformed number '\(text)'", line: line) }
        return value
    }

    /// A quoted template: the raw text between the quotes with escapes decoded, except inside `${…}` which
    /// is kept as written (it is parsed again as an expression).
    private mutating func quoted() throws(ConfigParseError) -> String {
        let start = line
        index += 1
        var text = ""
        var depth = 0
        while true {
            guard let c = peek(), c != "\n" || depth > 0 else {
                throw ConfigParseError("unterminated string", line: start)
            }
            if c == "\n" { line += 1 }
            if depth == 0 {
                if c == "\"" {
                    index += 1
                    return text
                }
                if c == "\\" {
                    index += 1
                    text += try escape()
                    continue
                }
                if (c == "$" || c == "%") && peek(1) == c && peek(2) == "{" {
                    // `$${` and `%%{` are literal; the template parser turns them into `${` and `%{`.
                    text.unicodeScalars.append(c)
                    text.unicodeScalars.append(c)
                    text.unicodeScalars.append("{")
                    index += 3
                    continue
                }
                if (c == "$" || c == "%") && peek(1) == "{" {
                    depth = 1
                    text.unicodeScalars.append(c)
                    text.unicodeScalars.append("{")
                    index += 2
                    continue
                }
            } else {
                if c == "{" { depth += 1 }
                if c == "}" { depth -= 1 }
                if c == "\"" {
                    // A nested string inside an interpolation: copy it whole.
                    text += "\""
                    index += 1
                    while let d = peek(), d != "\"" {
                        if d == "\\", let e = peek(1) {
                            text.unicodeScalars.append(d)
                            text.unicodeScalars.append(e)
                            index += 2
                            continue
                        }
                        if d == "\n" { throw ConfigParseError("unterminated string", line: start) }
                        text.unicodeScalars.append(d)
                        index += 1
                    }
                    guard peek() == "\"" else { throw ConfigParseError("unterminated string", line: start) }
                }
            }
            text.unicodeScalars.append(c)
            index += 1
        }
    }

    private mutating func escape() throws(ConfigParseError) -> String {
        guard let c = peek() else { throw ConfigParseError("unterminated string", line: line) }
        index += 1
        switch c {
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = c == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<count {
                guard let h = peek(), h.properties.isASCIIHexDigit else { break }
                hex.unicodeScalars.append(h)
                index += 1
            }
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw ConfigParseError("malformed \\\(c) escape", line: line)
            }
            return String(scalar)
        default:
            throw ConfigParseError("unknown escape '\\\(c)' in a string", line: line)
        }
    }

    /// A heredoc (`<<EOF` / `<<-EOF`): its lines up to the closing marker; `<<-` strips the common indent.
    private mutating func heredoc() throws(ConfigParseError) -> String {
        let start = line
        index += 2
        let strip = peek() == "-"
        if strip { index += 1 }
        var marker = ""
        while let c = peek(), c != "\n" {
            marker.unicodeScalars.append(c)
            index += 1
        }
        marker = marker.trimmingCharacters(in: .whitespaces)
        guard peek() == "\n", !marker.isEmpty else { throw ConfigParseError("malformed heredoc", line: start) }
        index += 1
        line += 1
        var lines: [String] = []
        while true {
            guard index < scalars.count else {
                throw ConfigParseError("heredoc \(marker) is not closed", line: start)
            }
            var current = ""
            while let c = peek(), c != "\n" {
                current.unicodeScalars.append(c)
                index += 1
            }
            if current.trimmingCharacters(in: .whitespaces) == marker { break }
            lines.append(current)
            if peek() == "\n" {
                index += 1
                line += 1
            }
        }
        if strip {
            let indent =
                lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map {
                    $0.prefix { $0 == " " || $0 == "\t" }.count
                }.min() ?? 0
            lines = lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " || $0 == "\t" }.count))) }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
