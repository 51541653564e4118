import Foundation

/// Paragraphs of a Debian control-style file (`Field: value`, continuation lines indented, paragraphs
/// separated by blank lines, `#` comment lines), as copyright files use them.
enum DebianControlParagraphs {
    struct Field {
        /// The text on the field's own line.
        var firstLine: String
        /// The continuation lines, joined by newlines (a leading ` .` line is an empty line).
        var rest: String
    }

    struct Paragraph {
        var fields: [(name: String, value: Field)] = []
        /// Whether the paragraph has any line (fields, or text that is not a field).
        var hasLines = false

        func value(_ name: String) -> Field? {
            fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        func has(_ name: String) -> Bool { value(name) != nil }
    }

    static func parse(_ text: String) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var current = Paragraph()
        func finish() {
            if current.hasLines { paragraphs.append(current) }
            current = Paragraph()
        }
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) {
                finish()
                continue
            }
            if line.hasPrefix("#") { continue }
            current.hasLines = true
            if let first = line.first, first == " " || first == "\t" {
                guard !current.fields.isEmpty else { continue }
                let content = trimmed(line)
                let index = current.fields.count - 1
                let addition = content == "." ? "" : content
                current.fields[index].value.rest +=
                    current.fields[index].value.rest.isEmpty ? addition : "\n" + addition
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = trimmed(line[..<colon])
            guard !name.isEmpty, !name.contains(" ") else { continue }
            let value = trimmed(line[line.index(after: colon)...])
            current.fields.append((name, Field(firstLine: value, rest: "")))
        }
        finish()
        return paragraphs
    }

    /// Without leading and trailing spaces and tabs (Foundation's trimming copies the line on Linux).
    static func trimmed(_ text: Substring) -> String {
        let isSpace = { (character: Character) in character == " " || character == "\t" || character == "\r" }
        guard let start = text.firstIndex(where: { !isSpace($0) }), let end = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[start...end])
    }
}
