import Foundation

/// Splits a string template into literal text, `${…}` interpolations and `%{if}` / `%{for}` directives.
enum HCLTemplateParser {
    /// The parts of `text`, whose first character is on `line`.
    static func parse(_ text: String, line: Int) throws(ConfigParseError) -> [HCLTemplatePart] {
        var pieces = try split(text, line: line)
        let parts = try nest(&pieces, until: [], line: line)
        return parts.parts
    }

    private enum Piece {
        case literal(String)
        case interpolation(Substring, line: Int, stripBefore: Bool, stripAfter: Bool)
        case directive(Substring, line: Int)
    }

    private static func split(_ text: String, line firstLine: Int) throws(ConfigParseError) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var line = firstLine
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let next = text.index(after: index)
            if (c == "$" || c == "%"), next < text.endIndex, text[next] == c,
                text.index(after: next) < text.endIndex, text[text.index(after: next)] == "{"
            {
                literal.append(c)
                literal.append("{")
                index = text.index(next, offsetBy: 2)
                continue
            }
            if (c == "$" || c == "%"), next < text.endIndex, text[next] == "{" {
                var depth = 1
                var cursor = text.index(after: next)
                let start = cursor
                var inString = false
                let startLine = line
                while cursor < text.endIndex {
                    let d = text[cursor]
                    if d == "\n" { line += 1 }
                    if inString {
                        if d == "\\" {
                            cursor = text.index(after: cursor)
                        } else if d == "\"" {
                            inString = false
                        }
                    } else if d == "\"" {
                        inString = true
                    } else if d == "{" {
                        depth += 1
                    } else if d == "}" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    if cursor < text.endIndex { cursor = text.index(after: cursor) }
                }
                guard cursor < text.endIndex else {
                    throw ConfigParseError("an interpolation is not closed: missing '}'", line: startLine)
                }
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                var inner = text[start..<cursor]
                let stripBefore = inner.hasPrefix("~")
                let stripAfter = inner.hasSuffix("~")
                if stripBefore { inner = inner.dropFirst() }
                if stripAfter { inner = inner.dropLast() }
                pieces.append(
                    c == "$"
                        ? .interpolation(inner, line: startLine, stripBefore: stripBefore, stripAfter: stripAfter)
                        : .directive(inner, line: startLine))
                index = text.index(after: cursor)
                continue
            }
            if c == "\n" { line += 1 }
            literal.append(c)
            index = next
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    /// Builds parts from pieces until one of the directive keywords `until` (returned with its piece).
    private static func nest(_ pieces: inout [Piece], until: Set<String>, line: Int) throws(ConfigParseError)
        -> (parts: [HCLTemplatePart], stop: String?)
    {
        var parts: [HCLTemplatePart] = []
        while !pieces.isEmpty {
            let piece = pieces.removeFirst()
            switch piece {
            case .literal(let text):
                parts.append(.literal(text))
            case .interpolation(let source, let line, _, _):
                parts.append(.interpolation(try HCLParser.expression(source, line: line)))
            case .directive(let source, let line):
                let words = source.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
                let keyword = words.first.map(String.init) ?? ""
                if until.contains(keyword) { return (parts, keyword) }
                switch keyword {
                case "if":
                    let condition = try HCLParser.expression(words.count > 1 ? words[1] : "", line: line)
                    let yes = try nest(&pieces, until: ["else", "endif"], line: line)
                    var no: [HCLTemplatePart] = []
                    if yes.stop == "else" { no = try nest(&pieces, until: ["endif"], line: line).parts }
                    parts.append(.conditional(condition, yes.parts, no))
                case "for":
                    let header = words.count > 1 ? String(words[1]) : ""
                    guard let inRange = header.range(of: " in ") else {
                        throw ConfigParseError("malformed %{for} directive", line: line)
                    }
                    let names = header[..<inRange.lowerBound].split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    let collection = try HCLParser.expression(header[inRange.upperBound...], line: line)
                    let body = try nest(&pieces, until: ["endfor"], line: line)
                    parts.append(
                        .loop(
                            key: names.count > 1 ? names[0] : nil, value: names.last ?? "", collection, body.parts))
                default:
                    throw ConfigParseError("unknown template directive '%{\(keyword)}'", line: line)
                }
            }
        }
        if !until.isEmpty { throw ConfigParseError("a template directive is not closed", line: line) }
        return (parts, nil)
    }
}
