import DrydockModel
import Foundation

/// `# trivy:ignore:ID` (and `# drydock:ignore:ID`) comments of a file, with an optional expiry
/// (`# trivy:ignore:DS-0002:exp:2025-12-31`).
///
/// A comment applies to a finding whose cause starts on the next line (the comment above an instruction
/// or a resource) or on the comment's own line (a trailing comment); comments before the first instruction
/// or object apply to findings without lines (a missing `USER`). Several IDs may be listed in one comment
/// (`# trivy:ignore:DS-0002 trivy:ignore:DS-0026`).
struct InlineIgnores {
    struct Entry {
        var rule: String
        var line: Int
        var expires: String?
    }

    let entries: [Entry]

    init(lines: [Substring]) {
        var entries: [Entry] = []
        for (index, line) in lines.enumerated() {
            guard let hash = line.firstIndex(of: "#") else { continue }
            let rest = line[line.index(after: hash)...]
            for marker in ["trivy:ignore:", "drydock:ignore:"] {
                var search = rest
                while let range = search.range(of: marker) {
                    let token = search[range.upperBound...].prefix { !$0.isWhitespace && $0 != "#" }
                    let parts = token.components(separatedBy: ":exp:")
                    if let rule = parts.first, !rule.isEmpty {
                        entries.append(Entry(rule: rule, line: index + 1, expires: parts.count > 1 ? parts[1] : nil))
                    }
                    search = search[range.upperBound...]
                }
            }
        }
        self.entries = entries
    }

    /// The comment that ignores the check `metadata` for a cause starting at `line` (`nil`: no lines),
    /// given the first line of content (comments above it are the file header).
    func ignore(_ metadata: CheckMetadata, at line: Int?, firstContentLine: Int, file: String) -> InlineIgnore? {
        let applies = entries.first { entry in
            guard metadata.answers(to: entry.rule) || entry.rule == "*" else { return false }
            if let line { return entry.line == line || entry.line == line - 1 || entry.line < firstContentLine }
            return entry.line < firstContentLine
        }
        return applies.map { InlineIgnore(rule: $0.rule, file: file, line: $0.line, expires: $0.expires) }
    }
}
