import Foundation

/// Parses `.trivyignore`: one ID per line, optional `exp:YYYY-MM-DD`, `#` comments, blank lines.
///
/// As Trivy reads it: the first word is the ID, later words are looked at only for `exp:` (others, such as
/// `key:value`, are allowed and ignored). Unlike Trivy, which skips an entry whose date it cannot read with a
/// warning, a bad date is an error naming the line: an entry silently dropped changes the gate's outcome.
enum TrivyIgnoreParser {
    static func parse(_ text: String, file: String) throws(PolicyError) -> [IgnoreEntry] {
        var entries: [IgnoreEntry] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(rawLine).trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
            let location = SourceLocation(file: file, line: lineNumber)
            var expiresAt: Date?
            if let field = fields.dropFirst().first(where: { $0.hasPrefix("exp:") }) {
                let value = String(field.dropFirst(4))
                guard let date = PolicyDate.day(value) else {
                    throw PolicyError(
                        .schema, "'\(field)': the expiry date must be exp:YYYY-MM-DD (a real day)", at: location)
                }
                expiresAt = date
            }
            entries.append(IgnoreEntry(id: fields[0], expiresAt: expiresAt, location: location))
        }
        return entries
    }
}
