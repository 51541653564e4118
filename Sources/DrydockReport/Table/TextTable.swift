/// A table drawn with box-drawing characters that fits a given width: columns wider than their share are
/// wrapped at word boundaries (or cut inside a word when one word is wider than the column), and rows are
/// separated by lines so wrapped rows stay readable in a terminal and in CI logs.
struct TextTable {
    var header: [String]
    var rows: [[String]]
    /// Narrowest each column may become; columns not listed may shrink to 4.
    var minimumWidths: [Int: Int] = [:]
    /// Styling applied to one line of a padded cell (column index, text) after widths are computed.
    var decorate: (@Sendable (Int, String) -> String)?
    /// Text shown under a row across the table's whole width (a finding's title in a narrow table).
    var notes: [String?] = []

    /// The table, at most `width` characters wide where the columns' minimums allow.
    func render(width: Int) -> String {
        let widths = columnWidths(fitting: width)
        func rule(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func lines(_ cells: [String], styled: Bool) -> String {
            let wrapped = cells.enumerated().map { column, cell in TextTable.wrap(cell, to: widths[column]) }
            let height = wrapped.map(\.count).max() ?? 1
            var out = ""
            for line in 0..<height {
                let padded = wrapped.enumerated().map { column, cellLines in
                    let text = line < cellLines.count ? cellLines[line] : ""
                    let filled = text + String(repeating: " ", count: max(0, widths[column] - text.count))
                    return styled && !text.isEmpty ? (decorate?(column, filled) ?? filled) : filled
                }
                out += "│ " + padded.joined(separator: " │ ") + " │\n"
            }
            return out
        }
        let inner = widths.reduce(0, +) + 3 * (widths.count - 1)
        func note(_ text: String) -> String {
            TextTable.wrap(text, to: inner).map { line in
                "│ " + line + String(repeating: " ", count: max(0, inner - line.count)) + " │\n"
            }.joined()
        }
        var out = rule("┌", "┬", "┐")
        out += lines(header, styled: false)
        var noted = false
        for (index, cells) in rows.enumerated() {
            out += noted ? rule("├", "┬", "┤") : rule("├", "┼", "┤")
            out += lines(cells, styled: true)
            noted = false
            if index < notes.count, let text = notes[index], !text.isEmpty {
                out += rule("├", "┴", "┤") + note(text)
                noted = true
            }
        }
        out += noted ? "└" + String(repeating: "─", count: inner + 2) + "┘\n" : rule("└", "┴", "┘")
        return out
    }

    /// Each column's natural width (its longest line), then the widest shrinkable column narrowed one
    /// character at a time until the table fits `width` or every column is at its minimum.
    func columnWidths(fitting width: Int) -> [Int] {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                let longest = cell.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
                widths[column] = max(widths[column], longest)
            }
        }
        let minimums = widths.indices.map { min(widths[$0], minimumWidths[$0] ?? 4) }
        let overhead = 3 * widths.count + 1
        while widths.reduce(overhead, +) > width {
            guard
                let widest = widths.indices.filter({ widths[$0] > minimums[$0] }).max(by: {
                    widths[$0] - minimums[$0] < widths[$1] - minimums[$1]
                })
            else { break }
            widths[widest] -= 1
        }
        return widths
    }

    /// `text` as lines of at most `width` characters: explicit newlines kept, words wrapped, over-long words cut.
    static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ") {
                var word = Substring(word)
                if !current.isEmpty, current.count + 1 + word.count <= width {
                    current += " " + word
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                current = ""
                while word.count > width {
                    // Cut after a `-`, `/`, `.` or `:` within the column when there is one (IDs, paths,
                    // versions), else at the column's edge.
                    let head = word.prefix(width)
                    let cut = head.lastIndex(where: { "-/.:".contains($0) }).map { head.index(after: $0) }
                    let end = cut.flatMap { head.distance(from: head.startIndex, to: $0) > width / 3 ? $0 : nil }
                    lines.append(String(word[..<(end ?? head.endIndex)]))
                    word = word[(end ?? head.endIndex)...]
                }
                current = String(word)
            }
            lines.append(current)
        }
        return lines
    }
}
