import DrydockModel

/// Imports Alpine secdb files (`v3.10/main.json`): per package, fixed version → IDs.
///
/// Recognised by content: an object with `distroversion` and `packages`. Each (package, fixed
/// version, ID) becomes one range `[introduced 0, fixed V]` in namespace `Alpine:<distroversion>`;
/// all fixed versions of one ID and package are kept as ranges of one affected package. A fixed
/// version `0` means the release was never affected and is kept as data for the matcher.
///
/// IDs are read with ``AlpineSecfixIDs``: every CVE in a string gets its own advisory, other IDs in
/// the same string (`XSA-182`) become its aliases; a string with no CVE uses its first ID.
public struct AlpineSecDBImporter: AdvisoryImporter {
    /// Creates the importer.
    public init() {}

    /// `alpine-secdb`.
    public var format: String { "alpine-secdb" }

    /// An object with `distroversion` and `packages`.
    public func recognizes(_ document: JSONValue) -> Bool {
        document["distroversion"] != nil && document["packages"] != nil
    }

    /// Parses one secdb document; malformed packages or entries are skipped with warnings.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        guard let release = document["distroversion"]?.stringValue, !release.isEmpty else {
            throw VulnDBError(code: .malformedInput, reason: "`distroversion` is not a string", location: file)
        }
        let namespace = AdvisoryNamespace.alpine(release: release)
        var result = ImportedRecords()
        guard let packages = document["packages"], !packages.isNull else { return result }
        guard let packageList = packages.arrayValue else {
            throw VulnDBError(code: .malformedInput, reason: "`packages` is not an array", location: file)
        }
        var aliases: [String: [String]] = [:]
        var advisoryOrder: [String] = []
        var fixes: [String: [String: [String]]] = [:]  // package → ID → fixed versions
        var packageOrder: [String] = []
        for (offset, entry) in packageList.enumerated() {
            guard let package = entry["pkg"], let name = package["name"]?.stringValue, !name.isEmpty else {
                result.skipped += 1
                result.warnings.append("\(file): skipped packages[\(offset)]: no `pkg.name`")
                continue
            }
            guard let secfixes = package["secfixes"], !secfixes.isNull else { continue }
            guard let members = secfixes.objectValue else {
                result.skipped += 1
                result.warnings.append("\(file): skipped \(name): `secfixes` is not an object")
                continue
            }
            for (fixedVersion, idList) in members {
                guard let idStrings = idList.arrayValue else {
                    result.skipped += 1
                    result.warnings.append("\(file): skipped \(name) \(fixedVersion): no ID list")
                    continue
                }
                for idValue in idStrings {
                    guard let text = idValue.stringValue else {
                        result.skipped += 1
                        result.warnings.append("\(file): skipped \(name) \(fixedVersion): an ID is not a string")
                        continue
                    }
                    let ids = AlpineSecfixIDs.parse(text)
                    let cves = ids.filter { $0.hasPrefix("CVE-") }
                    let primaries = cves.isEmpty ? Array(ids.prefix(1)) : cves
                    let others = ids.filter { !primaries.contains($0) }
                    guard !primaries.isEmpty else {
                        result.skipped += 1
                        result.warnings.append("\(file): skipped \(name) \(fixedVersion): no ID in \"\(text)\"")
                        continue
                    }
                    result.records += 1
                    if fixes[name] == nil { packageOrder.append(name) }
                    for id in primaries {
                        if aliases[id] == nil {
                            aliases[id] = []
                            advisoryOrder.append(id)
                        }
                        for alias in others where !(aliases[id]?.contains(alias) ?? false) {
                            aliases[id, default: []].append(alias)
                        }
                        var versions = fixes[name, default: [:]][id, default: []]
                        if !versions.contains(fixedVersion) { versions.append(fixedVersion) }
                        fixes[name, default: [:]][id] = versions
                    }
                }
            }
        }
        for id in advisoryOrder {
            let advisory = Advisory(id: id, aliases: aliases[id] ?? [], source: format)
            result.advisories.append(ImportedAdvisory(advisory: advisory, severitySource: nil, isPlaceholder: true))
        }
        for name in packageOrder {
            for (id, versions) in (fixes[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let ranges = versions.sorted().map { version in
                    AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(version)])
                }
                result.affected.append(
                    AffectedPackage(advisoryID: id, namespace: namespace, packageName: name, ranges: ranges))
            }
        }
        return result
    }
}
