import DrydockModel
import Yams

/// Parses `.trivyignore.yaml`: lists of entries under `vulnerabilities`, `misconfigurations`, `secrets` and
/// `licenses`, each with `id` and optional `paths`, `purls`, `expired_at`, `statement`.
///
/// Stricter than Trivy where Trivy's leniency hides mistakes: an unknown key (`path:` for `paths:`, which would
/// silently widen an entry to every file) and a missing `id` are errors naming the line. Invalid path patterns,
/// purls and dates are errors in both.
enum TrivyIgnoreYAMLParser {
    static let sections: [(String, FindingKind)] = [
        ("vulnerabilities", .vulnerability), ("misconfigurations", .misconfiguration), ("secrets", .secret),
        ("licenses", .license),
    ]
    static let entryKeys: Set<String> = ["id", "paths", "purls", "expired_at", "statement"]

    static func parse(_ text: String, file: String) throws(PolicyError) -> [IgnoreEntry] {
        let reader = YAMLReader(file: file)
        guard let root = try reader.root(of: text) else { return [] }
        var entries: [IgnoreEntry] = []
        for (key, keyNode, value) in try reader.mapping(root, "an ignore file") {
            guard let kind = sections.first(where: { $0.0 == key })?.1 else {
                throw PolicyError(
                    .schema,
                    "unknown section '\(key)' (expected vulnerabilities, misconfigurations, secrets or licenses)",
                    at: reader.location(keyNode))
            }
            if value.null != nil { continue }
            for item in try reader.sequence(value, "'\(key)'") {
                entries.append(try entry(item, kind: kind, section: key, reader: reader))
            }
        }
        return entries
    }

    private static func entry(_ node: Node, kind: FindingKind, section: String, reader: YAMLReader)
        throws(PolicyError) -> IgnoreEntry
    {
        let location = reader.location(node)
        var entry = IgnoreEntry(id: "", kinds: [kind], location: location)
        var hasID = false
        for (key, keyNode, value) in try reader.mapping(node, "an entry of '\(section)'") {
            switch key {
            case "id":
                entry.id = try reader.nonEmptyString(value, "id")
                hasID = true
            case "paths":
                for text in try reader.stringList(value, "paths") {
                    do {
                        entry.paths.append(try GlobPattern(text))
                    } catch {
                        throw PolicyError(.schema, "paths: \(error)", at: reader.location(value))
                    }
                }
            case "purls": entry.purls = try reader.purls(try reader.stringList(value, "purls"), at: value, "purls")
            case "expired_at": entry.expiresAt = try reader.date(value, "expired_at")
            case "statement":
                entry.statement = try reader.string(value, "statement")
            default:
                throw PolicyError(
                    .schema,
                    "unknown key '\(key)' (an entry has \(entryKeys.sorted().joined(separator: ", ")))",
                    at: reader.location(keyNode))
            }
        }
        guard hasID else { throw PolicyError(.schema, "an entry of '\(section)' has no id", at: location) }
        return entry
    }
}
