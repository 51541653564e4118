/// A table drawn with box-drawing characters, every column padded to its widest cell.
struct BoxTable {
    var header: [String]
    var rows: [[String]]
    /// Optional styling applied to a padded cell (column index, text) after width is computed.
    var decorate: (@Sendable (Int, String) -> String)?

    func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func row(_ cells: [String], styled: Bool) -> String {
            let padded = cells.enumerated().map { column, cell in
                let text = cell + String(repeating: " ", count: widths[column] - cell.count)
                return styled ? (decorate?(column, text) ?? text) : text
            }
            return "│ " + padded.joined(separator: " │ ") + " │\n"
        }
        var out = line("┌", "┬", "┐")
        out += row(header, styled: false)
        out += line("├", "┼", "┤")
        for cells in rows { out += row(cells, styled: true) }
        out += line("└", "┴", "┘")
        return out
    }
}
