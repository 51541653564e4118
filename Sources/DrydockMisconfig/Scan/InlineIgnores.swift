import DrydockModel
import Foundation

/// `# trivy:ignore:ID` (and `# drydock:ignore:ID`, tfsec's `# tfsec:ignore:ID`) comments of a file, with
/// Trivy's optional sections: an expiry (`:exp:2025-12-31`), a Terraform workspace (`:ws:dev-*`), and
/// attribute values the resource must have (`ID[from_port=3306,type=egress]`).
///
/// A comment applies to a finding whose cause starts on the next line (the comment above an instruction
/// or a resource) or on the comment's own line (a trailing comment); comments before the first instruction
/// or object apply to findings without lines (a missing `USER`). Several IDs may be listed in one comment
/// (`# trivy:ignore:DS-0002 trivy:ignore:DS-0026`); an ID may use `*` as a wildcard (`aws-s3-*`, `*`). Any
/// comment token works (`#`, `//`, `/*`).
struct InlineIgnores {
    struct Entry {
        var rule: String
        var line: Int
        var expires: String?
        /// `[key=value,…]`: the resource's attribute at each dotted path must have the value as written.
        var parameters: [(path: String, value: String)] = []
        /// `ws:pattern`: the Terraform workspace it applies to.
        var workspace: String?
    }

    /// The workspace Terraform configurations are evaluated in (`terraform.workspace`).
    static let workspace = "default"

    let entries: [Entry]

    init(lines: [Substring]) {
        var entries: [Entry] = []
        for (index, line) in lines.enumerated() where line.contains("ignore:") {
            for word in line.split(whereSeparator: \.isWhitespace) {
                let token = word.drop { $0 == "#" || $0 == "/" || $0 == "*" }
                for marker in ["trivy:ignore:", "drydock:ignore:", "tfsec:ignore:"] where token.hasPrefix(marker) {
                    if let entry = Self.entry(token.dropFirst(marker.count), line: index + 1) { entries.append(entry) }
                }
            }
        }
        self.entries = entries
    }

    /// One rule: `ID[params]` then `key:value` sections.
    static func entry(_ text: Substring, line: Int) -> Entry? {
        var rest = text
        var parameters: [(path: String, value: String)] = []
        let idEnd = rest.firstIndex { $0 == "[" || $0 == ":" } ?? rest.endIndex
        let rule = String(rest[..<idEnd])
        rest = rest[idEnd...]
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            for pair in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                parameters.append((String(parts[0]), String(parts[1])))
            }
            rest = rest[rest.index(after: close)...]
        }
        guard !rule.isEmpty else { return nil }
        var entry = Entry(rule: rule, line: line, expires: nil, parameters: parameters)
        let sections = rest.split(separator: ":", omittingEmptySubsequences: false).dropFirst()
        var iterator = sections.makeIterator()
        while let key = iterator.next(), let value = iterator.next() {
            switch key {
            case "exp": entry.expires = String(value)
            case "ws": entry.workspace = String(value)
            default: continue
            }
        }
        return entry
    }

    /// Warnings naming `file:line` for comments whose `exp:` is not a real `YYYY-MM-DD` day: they count as expired,
    /// as in Trivy, so they ignore nothing.
    func unreadableExpiryNotes(file: String) -> [String] {
        entries.compactMap { entry in
            guard let expires = entry.expires,
                !InlineIgnore(rule: entry.rule, file: file, line: entry.line, expires: expires).hasReadableExpiry
            else { return nil }
            return "\(file):\(entry.line): inline ignore \(entry.rule) has 'exp:\(expires)', which is not a date "
                + "written YYYY-MM-DD; it counts as expired (as in Trivy) and ignores nothing"
        }
    }

    /// The comment in `lines` (the comment lines stacked above a Terraform block or CloudFormation resource)
    /// that ignores the check `metadata` for a resource with `attributes`.
    func ignore(_ metadata: CheckMetadata, inLines lines: ClosedRange<Int>, file: String, attributes: ConfigNode? = nil)
        -> InlineIgnore?
    {
        let applies = entries.first { lines.contains($0.line) && Self.matches($0, metadata, attributes) }
        return applies.map { InlineIgnore(rule: $0.rule, file: file, line: $0.line, expires: $0.expires) }
    }

    /// The comment that ignores the check `metadata` for a cause starting at `line` (`nil`: no lines),
    /// given the first line of content (comments above it are the file header).
    func ignore(
        _ metadata: CheckMetadata, at line: Int?, firstContentLine: Int, file: String, attributes: ConfigNode? = nil
    ) -> InlineIgnore? {
        let applies = entries.first { entry in
            guard Self.matches(entry, metadata, attributes) else { return false }
            if let line { return entry.line == line || entry.line == line - 1 || entry.line < firstContentLine }
            return entry.line < firstContentLine
        }
        return applies.map { InlineIgnore(rule: $0.rule, file: file, line: $0.line, expires: $0.expires) }
    }

    /// Whether `entry` names the check, applies to the workspace, and the resource has its attribute values.
    static func matches(_ entry: Entry, _ metadata: CheckMetadata, _ attributes: ConfigNode?) -> Bool {
        guard metadata.allIDs.contains(where: { Self.glob(entry.rule, matches: $0) }) else { return false }
        if let workspace = entry.workspace, !glob(workspace, matches: Self.workspace, caseSensitive: true) {
            return false
        }
        guard !entry.parameters.isEmpty else { return true }
        // Attribute-scoped rules apply only where the resource's attributes are known.
        guard let attributes else { return false }
        return entry.parameters.allSatisfy { parameter in
            value(attributes, at: parameter.path).map { matches($0, parameter.value) } ?? false
        }
    }

    /// The attribute at a dotted path; a nested block is its first instance.
    static func value(_ attributes: ConfigNode, at path: String) -> ConfigNode? {
        var node = attributes
        for key in path.split(separator: ".") {
            if node.isSequence, let first = node.items.first { node = first }
            guard let next = node[String(key)] else { return nil }
            node = next
        }
        return node
    }

    /// Trivy's comparison: strings as written, numbers as an integer or `%f`, booleans as `true`/`false`; null,
    /// unknown values and collections never match.
    static func matches(_ node: ConfigNode, _ expected: String) -> Bool {
        switch node.value {
        case .string(let string): return string == expected
        case .bool(let bool): return (bool ? "true" : "false") == expected
        case .int(let int): return String(int) == expected || String(format: "%f", Double(int)) == expected
        case .float(let double):
            let integral = abs(double) < 1e15 && String(Int(double)) == expected
            return integral || String(format: "%f", double) == expected
        default: return false
        }
    }

    /// Whether `pattern` (`*` matching any run of characters) matches all of `text`.
    static func glob(_ pattern: String, matches text: String, caseSensitive: Bool = false) -> Bool {
        let pattern = Array(caseSensitive ? pattern : pattern.lowercased())
        let text = Array(caseSensitive ? text : text.lowercased())
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
