// The hand-written YAML reader Drydock used for lockfiles until it moved to Yams, kept here only so that
// the comparison in BENCHMARKS.md can be run again.
import Foundation

/// Reads the subset of YAML that machine-written lockfiles use (`pnpm-lock.yaml`, Yarn Berry's
/// `yarn.lock`, `pubspec.lock`, `Podfile.lock`): block mappings and sequences by indentation, plain
/// and quoted scalars, flow mappings and sequences on one line, `---` document separators, comments.
///
/// Anchors, tags, multi-line flow collections and block scalars' content are not interpreted (block
/// scalars are kept as their raw lines).
public enum HandWrittenYAMLReader {
    /// One significant line: indentation and text without the comment.
    struct Line {
        var indent: Int
        var text: Substring
        var number: Int
    }

    /// Parses every document of `bytes`; `path` names the file in errors.
    public static func parseDocuments(_ bytes: [UInt8], path: String) throws(CatalogError) -> [TreeValue] {
        var documents: [[Line]] = [[]]
        var number = 0
        for line in TextLines.lines(bytes) {
            number += 1
            if line.hasPrefix("---") {
                documents.append([])
                continue
            }
            if line.hasPrefix("...") { continue }
            let stripped = stripComment(line)
            let body = stripped.drop { $0 == " " }
            guard !body.isEmpty else { continue }
            if body.first == "\t" { throw failure("tab indentation", path: path, line: number) }
            documents[documents.count - 1].append(
                Line(indent: stripped.count - body.count, text: trimTrailing(body), number: number))
        }
        var values: [TreeValue] = []
        for lines in documents where !lines.isEmpty {
            var index = 0
            values.append(try block(lines, &index, indent: lines[0].indent, path: path))
            if index < lines.count {
                throw failure("unexpected indentation", path: path, line: lines[index].number)
            }
        }
        return values
    }

    /// Parses a one-document file (the last document when there are several).
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> TreeValue {
        try parseDocuments(bytes, path: path).last ?? .null
    }

    private static func block(_ lines: [Line], _ index: inout Int, indent: Int, path: String) throws(CatalogError)
        -> TreeValue
    {
        guard index < lines.count else { return .null }
        if isSequenceItem(lines[index].text) {
            var items: [TreeValue] = []
            while index < lines.count, lines[index].indent == indent, isSequenceItem(lines[index].text) {
                let line = lines[index]
                let rest = line.text.dropFirst(1).drop { $0 == " " }
                index += 1
                if rest.isEmpty {
                    items.append(try nested(lines, &index, parentIndent: indent, path: path))
                } else if let (key, value) = splitKey(rest) {
                    // `- key: value` starts a mapping whose keys sit at the item's content column.
                    let column = indent + (line.text.count - rest.count)
                    var pairs: [(String, TreeValue)] = [
                        (key, try inlineOrNested(value, lines, &index, parentIndent: column, path: path))
                    ]
                    if index < lines.count, lines[index].indent == column,
                        case .object(let values, let keys) = try block(lines, &index, indent: column, path: path)
                    {
                        pairs += keys.compactMap { key in values[key].map { (key, $0) } }
                    }
                    items.append(.object(pairs))
                } else {
                    items.append(scalar(rest))
                }
            }
            return .array(items)
        }
        var pairs: [(String, TreeValue)] = []
        while index < lines.count, lines[index].indent == indent, !isSequenceItem(lines[index].text) {
            let line = lines[index]
            guard let (key, value) = splitKey(line.text) else {
                throw failure("'key: value' expected", path: path, line: line.number)
            }
            index += 1
            pairs.append((key, try inlineOrNested(value, lines, &index, parentIndent: indent, path: path)))
        }
        if index < lines.count, lines[index].indent > indent {
            throw failure("unexpected indentation", path: path, line: lines[index].number)
        }
        return .object(pairs)
    }

    private static func inlineOrNested(
        _ value: Substring, _ lines: [Line], _ index: inout Int, parentIndent: Int, path: String
    ) throws(CatalogError) -> TreeValue {
        if value.isEmpty {
            return try nested(lines, &index, parentIndent: parentIndent, path: path)
        }
        if value == "|" || value == ">" || value.hasPrefix("|") || value.hasPrefix(">") {
            var parts: [Substring] = []
            while index < lines.count, lines[index].indent > parentIndent {
                parts.append(lines[index].text)
                index += 1
            }
            return .string(parts.joined(separator: "\n"))
        }
        return scalar(value)
    }

    private static func nested(_ lines: [Line], _ index: inout Int, parentIndent: Int, path: String)
        throws(CatalogError) -> TreeValue
    {
        guard index < lines.count else { return .null }
        let next = lines[index]
        // A sequence may sit at its key's indentation (`key:\n- a`).
        if next.indent > parentIndent || (next.indent == parentIndent && isSequenceItem(next.text)) {
            return try block(lines, &index, indent: next.indent, path: path)
        }
        return .null
    }

    private static func isSequenceItem(_ text: Substring) -> Bool {
        text == "-" || text.hasPrefix("- ")
    }

    /// Splits `key: value` at the first `: ` (or final `:`) outside quotes.
    static func splitKey(_ text: Substring) -> (String, Substring)? {
        var quote: Character?
        var index = text.startIndex
        if let first = text.first, first == "\"" || first == "'" {
            quote = first
            index = text.index(after: index)
        }
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == ":" {
                let after = text.index(after: index)
                if after == text.endIndex || text[after] == " " {
                    let key = unquote(trimTrailing(text[..<index]))
                    return (key, after == text.endIndex ? "" : text[after...].drop { $0 == " " })
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// A scalar or a one-line flow collection.
    static func scalar(_ text: Substring) -> TreeValue {
        let text = trimTrailing(text)
        if text.hasPrefix("{"), text.hasSuffix("}") {
            var pairs: [(String, TreeValue)] = []
            for part in splitFlow(text.dropFirst().dropLast()) {
                if let (key, value) = splitKey(part) { pairs.append((key, scalar(value))) }
            }
            return .object(pairs)
        }
        if text.hasPrefix("["), text.hasSuffix("]") {
            return .array(splitFlow(text.dropFirst().dropLast()).map(scalar))
        }
        if text == "~" || text == "null" { return .null }
        return .string(unquote(text))
    }

    private static func splitFlow(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var quote: Character?
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else {
                switch character {
                case "\"", "'": quote = character
                case "{", "[": depth += 1
                case "}", "]": depth -= 1
                case "," where depth == 0:
                    parts.append(text[start..<index])
                    start = text.index(after: index)
                default: break
                }
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts.map { $0.drop { $0 == " " } }.map(trimTrailing).filter { !$0.isEmpty }
    }

    private static func unquote(_ text: Substring) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else {
            return String(text)
        }
        let inner = text.dropFirst().dropLast()
        if first == "'" { return inner.replacingOccurrences(of: "''", with: "'") }
        return inner.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }

    private static func stripComment(_ line: Substring) -> Substring {
        guard line.contains("#") else { return line }
        var quote: Character?
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " || previous == ":" || previous == "[" || previous == "{" || previous == "," {
                    quote = character
                }
            } else if character == "#", previous == " " || index == line.startIndex {
                return line[..<index]
            }
            previous = character
            index = line.index(after: index)
        }
        return line
    }

    private static func trimTrailing(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
        return text[..<end]
    }

    private static func failure(_ reason: String, path: String, line: Int) -> CatalogError {
        CatalogError(code: .malformedLockfile, reason: "not valid YAML: \(reason)", location: "\(path):\(line)")
    }
}
