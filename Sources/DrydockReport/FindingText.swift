import DrydockModel
import Foundation

/// Short texts about findings that every human-facing format shows the same way.
enum FindingText {
    /// The finding's title; for an advisory without one (PyPA records often have only details), the first
    /// sentence of its description. Whitespace is collapsed to single spaces.
    static func title(_ finding: Finding) -> String {
        if let vulnerability = finding.vulnerability {
            let title = collapse(vulnerability.advisory.title ?? "")
            return title.isEmpty ? firstSentence(vulnerability.advisory.description ?? "") : title
        }
        if let misconfiguration = finding.misconfiguration {
            return collapse(misconfiguration.title.isEmpty ? misconfiguration.message : misconfiguration.title)
        }
        return collapse(finding.title ?? "")
    }

    /// `text` cut to `limit` characters at a word boundary where one is near, ending in `…`.
    static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        let cut = text.prefix(limit - 1)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            return String(cut[..<space]) + "…"
        }
        return String(cut) + "…"
    }

    /// The first sentence of `text`: up to the first `.`, `!` or `?` followed by a space or the end; Markdown
    /// headings and blank lines before it are skipped.
    static func firstSentence(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let body = lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }.joined(separator: " ")
        let flat = collapse(body)
        var previous: Character?
        var index = flat.startIndex
        while index < flat.endIndex {
            let character = flat[index]
            let next = flat.index(after: index)
            if let last = previous, ".!?".contains(last), character == " ", !flat[..<index].hasSuffix("e.g."),
                !flat[..<index].hasSuffix("i.e.")
            {
                return String(flat[..<index])
            }
            previous = character
            index = next
        }
        return flat
    }

    /// Runs of whitespace (newlines included) as one space, trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
