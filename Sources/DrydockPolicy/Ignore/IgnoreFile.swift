import DrydockModel
import Foundation

/// A Trivy ignore file: `.trivyignore` (one ID per line) or `.trivyignore.yaml` (`--ignorefile`).
///
/// The format follows the file's extension as in Trivy: `.yaml` / `.yml` are read as YAML, anything else as
/// lines. Parsing is pure (``parse(_:path:)``); the CLI reads the file.
public struct IgnoreFile: Sendable, Hashable {
    /// The two formats.
    public enum Format: String, Sendable, Hashable {
        /// `.trivyignore`: `ID [exp:YYYY-MM-DD]` per line, `#` comments.
        case lines
        /// `.trivyignore.yaml`: `vulnerabilities`, `misconfigurations`, `secrets`, `licenses` lists.
        case yaml
    }

    /// The file as reports name it (Trivy's `Source`: the path as given, cleaned).
    public var path: String
    public var format: Format
    /// Every entry, in file order, expired ones included.
    public var entries: [IgnoreEntry]
    /// `sha256:` of the file's bytes, for the evidence log.
    public var digest: String?

    public init(path: String, format: Format, entries: [IgnoreEntry], digest: String? = nil) {
        self.path = path
        self.format = format
        self.entries = entries
        self.digest = digest
    }

    /// The format Trivy would read `path` in.
    public static func format(ofPath path: String) -> Format {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") ? .yaml : .lines
    }

    /// Parses `bytes`, read from `path`; the format follows the extension.
    public static func parse(_ bytes: some Collection<UInt8>, path: String) throws(PolicyError) -> IgnoreFile {
        let shownPath = cleanPath(path)
        guard let text = String(validating: Array(bytes), as: UTF8.self) else {
            throw PolicyError(.unreadable, "not UTF-8 text", at: SourceLocation(file: shownPath))
        }
        let entries: [IgnoreEntry]
        switch format(ofPath: path) {
        case .lines: entries = try TrivyIgnoreParser.parse(text, file: shownPath)
        case .yaml: entries = try TrivyIgnoreYAMLParser.parse(text, file: shownPath)
        }
        return IgnoreFile(
            path: shownPath, format: format(ofPath: path), entries: entries, digest: PolicyDigest.sha256(bytes))
    }

    /// The first entry that applies to the finding at `now` (expired entries never apply).
    public func match(_ context: FindingContext, at now: Date) -> IgnoreEntry? {
        let live = entries.filter { !$0.isExpired(at: now) }
        if let entry = live.first(where: { $0.matches(context) }) { return entry }
        return licenseComponentsMatch(context, live: live)
    }

    /// The expired entries that would otherwise apply to the finding.
    public func expiredMatches(_ context: FindingContext, at now: Date) -> [IgnoreEntry] {
        entries.filter { $0.isExpired(at: now) && $0.matches(context) }
    }

    /// Trivy sets a license expression aside when every license in it is set aside on its own (`X WITH Y`
    /// counts as one license).
    private func licenseComponentsMatch(_ context: FindingContext, live: [IgnoreEntry]) -> IgnoreEntry? {
        guard case .license(let license) = context.finding else { return nil }
        let components = IgnoreFile.licenseComponents(license.name)
        guard components.count > 1 else { return nil }
        var matched: [IgnoreEntry] = []
        for component in components {
            var single = license
            single.name = component
            let componentContext = FindingContext(
                finding: .license(single), targetName: context.targetName, targetKind: context.targetKind,
                targetType: context.targetType, artifact: context.artifact)
            guard let entry = live.first(where: { $0.matches(componentContext) }) else { return nil }
            matched.append(entry)
        }
        var combined = matched[0]
        combined.id = license.name
        combined.statement = "All license components are individually ignored"
        return combined
    }

    /// The licenses of an SPDX expression: `AND` / `OR` split it, parentheses are dropped, `WITH` keeps its two
    /// sides together.
    static func licenseComponents(_ expression: String) -> [String] {
        let words = expression.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(whereSeparator: \.isWhitespace).map(String.init)
        var components: [String] = []
        var current: [String] = []
        for word in words {
            if word.uppercased() == "AND" || word.uppercased() == "OR" {
                if !current.isEmpty { components.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(word.uppercased() == "WITH" ? "WITH" : word)
            }
        }
        if !current.isEmpty { components.append(current.joined(separator: " ")) }
        return components
    }

    /// The path as Trivy records it: `/` separators, `./` and duplicate separators removed.
    static func cleanPath(_ path: String) -> String {
        var parts: [Substring] = []
        let absolute = path.hasPrefix("/")
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined.isEmpty ? "." : joined
    }
}
