import DrydockModel

/// Reads Julia's `Manifest.toml` (Pkg.jl), as Trivy's `julia` type: every package entry, identified by its
/// UUID (the package's ID, as Trivy writes it), with its version (standard-library packages have none: the
/// manifest's `julia_version`, `unknown` in manifests older than format 2.0) and its `deps` as `dependsOn`
/// UUIDs. Format 2.0 (Julia 1.7+, `manifest_format`) lists packages under `[[deps.NAME]]`, older manifests at
/// the top level (`[[NAME]]`). `deps` is a list of names, resolved to the one entry of that name, or a table
/// of name → UUID. Weak dependencies and extensions are not dependencies and are ignored. Which packages are
/// direct, and which are development-only, comes from the `Project.toml` beside it (`JuliaProject`).
public enum JuliaManifestParser {
    /// Parses one `Manifest.toml`. Throws `CatalogError` (`malformed-lockfile`) when it is not TOML or `deps`
    /// is not a table; an entry without a UUID, or a dependency name that does not name exactly one entry, is
    /// skipped with a warning.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TOMLReader.parse(bytes, path: path)
        let isFormat2 = root["manifest_format"] != nil
        let juliaVersion = isFormat2 ? (root["julia_version"]?.string ?? "unknown") : "unknown"
        let table: TreeValue? = isFormat2 ? root["deps"] : root
        if let table, table.entries == nil {
            throw CatalogError(code: .malformedLockfile, reason: "deps is not a table", location: path)
        }
        let names = table?.entries ?? []
        var warnings: [CatalogWarning] = []
        var entries: [(name: String, entry: TreeValue, uuid: String)] = []
        for (name, value) in names {
            // Older manifests may hold other top-level keys; only arrays of tables are packages.
            for entry in value.array ?? [] where entry.entries != nil {
                guard let uuid = entry["uuid"]?.string, !uuid.isEmpty else {
                    warnings.append(CatalogWarning(path: path, message: "package '\(name)' has no uuid; skipped"))
                    continue
                }
                entries.append((name, entry, uuid))
            }
        }
        var uuidsByName: [String: [String]] = [:]
        for entry in entries { uuidsByName[entry.name, default: []].append(entry.uuid) }
        let listed = Set(entries.map(\.uuid))
        var packages: [Package] = []
        for (name, entry, uuid) in entries {
            let version = entry["version"]?.string ?? juliaVersion
            var dependsOn: Set<String> = []
            if let required = entry["deps"]?.array {
                for dependency in required.compactMap(\.string) {
                    let candidates = uuidsByName[dependency] ?? []
                    guard candidates.count == 1, let only = candidates.first else {
                        let problem = candidates.isEmpty ? "which the manifest does not list" : "listed more than once"
                        warnings.append(
                            CatalogWarning(
                                path: path,
                                message: "package '\(name)' depends on '\(dependency)', \(problem); edge skipped"))
                        continue
                    }
                    dependsOn.insert(only)
                }
            } else if let required = entry["deps"]?.entries {
                dependsOn.formUnion(required.compactMap { $0.value.string }.filter(listed.contains))
            }
            packages.append(
                Package(
                    name: name, version: version, ecosystem: .julia,
                    purl: LanguagePackageURL.julia(name: name, version: version, uuid: uuid), filePath: path,
                    dependsOn: dependsOn.sorted(), uuid: uuid))
        }
        return LanguageFile(type: .julia, packages: packages, warnings: warnings, project: .juliaManifest)
    }
}
