import DrydockModel

/// Imports the secdb Wolfi and Chainguard publish for their package index (`packages.wolfi.dev/os/security.json`,
/// `packages.cgr.dev/chainguard/security.json`): Alpine's secdb layout without a `distroversion`, generated
/// from the advisory documents (``WolfiAdvisoryImporter``).
///
/// Recognised by content: an object with `packages` and `urlprefix` or `reponame` but no `distroversion`. The
/// namespace is `Wolfi` for Wolfi's index (`urlprefix` on `wolfi.dev`, or repository `os`) and `Chainguard`
/// for Chainguard's (`cgr.dev`, or repository `chainguard`); any other index is refused.
///
/// Secfixes follow Alpine's rules: fixed version → IDs, `0` meaning "never affected" (Chainguard's false
/// positives), kept as a `not_affected` row that never matches. The generator lists each advisory's `CGA-` ID
/// followed by its aliases, so an ID list is read as groups: a `CGA-` ID starts an advisory and the IDs after
/// it (CVE, GHSA) are its aliases; IDs before any `CGA-` (older files list bare CVEs) are advisories of their
/// own. With the advisory documents loaded too, both give the same `CGA-` advisory.
public struct WolfiSecDBImporter: AdvisoryImporter {
    /// Creates the importer.
    public init() {}

    /// `wolfi-secdb`.
    public var format: String { "wolfi-secdb" }

    /// An object with `packages` and `urlprefix` or `reponame`, without `distroversion`.
    public func recognizes(_ document: JSONValue) -> Bool {
        document["packages"] != nil && document["distroversion"] == nil
            && (document["urlprefix"] != nil || document["reponame"] != nil)
    }

    /// `Wolfi` or `Chainguard` for a secdb's index, or `nil` for another index.
    static func namespace(of document: JSONValue) -> String? {
        let prefix = document["urlprefix"]?.stringValue ?? ""
        let repository = document["reponame"]?.stringValue ?? ""
        if prefix.contains("wolfi.dev") || (prefix.isEmpty && repository == "os") { return "Wolfi" }
        if prefix.contains("cgr.dev") || repository == "chainguard" { return "Chainguard" }
        return nil
    }

    /// Parses one secdb; malformed entries are skipped with warnings.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        guard let namespace = Self.namespace(of: document) else {
            throw VulnDBError(
                code: .malformedInput,
                reason: "a secdb without `distroversion` for an index that is neither Wolfi's nor Chainguard's "
                    + "(urlprefix \"\(document["urlprefix"]?.stringValue ?? "")\")",
                location: file)
        }
        guard let packages = document["packages"]?.arrayValue else {
            throw VulnDBError(code: .malformedInput, reason: "`packages` is not an array", location: file)
        }
        var result = ImportedRecords()
        var advisories: [String: Advisory] = [:]
        var order: [String] = []
        for (offset, entry) in packages.enumerated() {
            guard let name = entry["pkg"]?["name"]?.stringValue, !name.isEmpty,
                let secfixes = entry["pkg"]?["secfixes"]?.objectValue
            else {
                result.skipped += 1
                result.warnings.append("\(file): skipped packages[\(offset)]: no `pkg.name` or `secfixes`")
                continue
            }
            for (version, list) in secfixes {
                let strings = list.arrayValue?.compactMap(\.stringValue) ?? []
                for group in Self.groups(strings) {
                    result.records += 1
                    if advisories[group.id] == nil {
                        advisories[group.id] = Advisory(id: group.id, source: format)
                        order.append(group.id)
                    }
                    for alias in group.aliases where !(advisories[group.id]?.aliases.contains(alias) ?? true) {
                        advisories[group.id]?.aliases.append(alias)
                    }
                    let range = AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(version)])
                    result.affected.append(
                        AffectedPackage(
                            advisoryID: group.id, namespace: namespace, packageName: name, ranges: [range],
                            status: version == "0" ? .notAffected : .fixed))
                }
            }
        }
        result.advisories = order.compactMap { advisories[$0] }.map {
            ImportedAdvisory(advisory: $0, severitySource: nil, isPlaceholder: true)
        }
        return result
    }

    /// The advisories of one secfixes list: each `CGA-` ID with the IDs after it; leading IDs alone.
    static func groups(_ strings: [String]) -> [(id: String, aliases: [String])] {
        var groups: [(id: String, aliases: [String])] = []
        var open = false
        for text in strings {
            let ids = text.hasPrefix("CGA-") || text.hasPrefix("GHSA-") ? [text] : AlpineSecfixIDs.parse(text)
            for id in ids {
                if id.hasPrefix("CGA-") {
                    groups.append((id, []))
                    open = true
                } else if open {
                    groups[groups.count - 1].aliases.append(id)
                } else {
                    groups.append((id, []))
                }
            }
        }
        return groups
    }
}
