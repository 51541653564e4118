import DrydockModel
import Foundation

/// Reads npm's `package-lock.json`, lockfile versions 1 (nested `dependencies`) and 2–3 (flat `packages`).
///
/// Linked packages and workspace folders are not dependencies and are left out; the project itself (the
/// `""` entry of versions 2–3, which npm copies from `package.json`) is reported with relationship `root`
/// when it has a name and version, depending on its declared (non-development) dependencies; `dev` entries
/// are marked as development dependencies. In versions 2–3 a package at the top of
/// `node_modules` that the project or a workspace declares is direct, every other one indirect.
///
/// `dependsOn` follows Node's resolution as npm records it: in versions 2–3 a package's `dependencies`,
/// `optionalDependencies` and `peerDependencies` resolve to the nearest `node_modules/NAME` walking up from the
/// package's folder (a link resolves to its target's version); in version 1 a `requires` name resolves to the
/// package's own nested `dependencies`, else the nearest enclosing level's.
public enum PackageLockParser {
    /// Parses one `package-lock.json`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        if let packages = root["packages"]?.entries {
            return flat(packages, path: path)
        }
        if let dependencies = root["dependencies"] {
            var out: [Package] = []
            nested(dependencies, inherited: [:], path: path, into: &out)
            return LanguageFile(type: .npm, packages: out)
        }
        guard root["lockfileVersion"] != nil else {
            throw CatalogError(
                code: .malformedLockfile, reason: "no lockfileVersion: not an npm lockfile", location: path)
        }
        return LanguageFile(type: .npm, packages: [])
    }

    private static let declaringFields = [
        "dependencies", "devDependencies", "optionalDependencies", "peerDependencies",
    ]

    private static func flat(_ entries: [(key: String, value: TreeValue)], path: String) -> LanguageFile {
        var declared: Set<String> = []
        for (key, entry) in entries where !key.contains("node_modules/") {
            for field in declaringFields {
                for (name, _) in entry[field]?.entries ?? [] { declared.insert(name) }
            }
        }
        var byKey: [String: TreeValue] = [:]
        for (key, entry) in entries { byKey[key] = entry }
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        for (key, entry) in entries {
            guard let marker = key.range(of: "node_modules/", options: .backwards) else { continue }
            if entry["link"]?.isTrue == true { continue }
            let name = entry["name"]?.string ?? String(key[marker.upperBound...])
            guard let version = entry["version"]?.string, !version.isEmpty else {
                warnings.append(CatalogWarning(path: path, message: "\(key) has no version; skipped"))
                continue
            }
            let isTopLevel = key.hasPrefix("node_modules/") && !key.dropFirst(13).contains("/node_modules/")
            let relationship: PackageRelationship =
                isTopLevel && key.range(of: "node_modules/")?.lowerBound == key.startIndex && declared.contains(name)
                ? .direct : .indirect
            let isDevelopment = entry["dev"]?.isTrue == true
            var package = LanguagePackage.make(
                name: name, version: version, ecosystem: .npm, path: path, licenses: licenses(entry),
                relationship: relationship, isDevelopment: isDevelopment)
            var dependsOn: Set<String> = []
            for field in ["dependencies", "optionalDependencies", "peerDependencies"] {
                for (dependency, _) in entry[field]?.entries ?? [] {
                    if let id = resolve(dependency, from: key, in: byKey) { dependsOn.insert(id) }
                }
            }
            package.dependsOn = dependsOn.sorted()
            packages.append(package)
        }
        if let project = byKey[""], let name = project["name"]?.string, !name.isEmpty,
            let version = project["version"]?.string, !version.isEmpty
        {
            var root = LanguagePackage.make(
                name: name, version: version, ecosystem: .npm, path: path, licenses: licenses(project),
                relationship: .root)
            var dependsOn: Set<String> = []
            for field in ["dependencies", "optionalDependencies", "peerDependencies"] {
                for (dependency, _) in project[field]?.entries ?? [] {
                    if let id = resolve(dependency, from: "", in: byKey) { dependsOn.insert(id) }
                }
            }
            root.dependsOn = dependsOn.sorted()
            packages.append(root)
        }
        return LanguageFile(type: .npm, packages: packages, warnings: warnings)
    }

    /// The ID `name` resolves to from the folder `key`: the nearest `…/node_modules/NAME` up the tree.
    private static func resolve(_ name: String, from key: String, in entries: [String: TreeValue]) -> String? {
        var folder = Substring(key)
        while true {
            var candidate = entries[folder.isEmpty ? "node_modules/\(name)" : "\(folder)/node_modules/\(name)"]
            if candidate?["link"]?.isTrue == true, let target = candidate?["resolved"]?.string {
                candidate = entries[target]
            }
            if let version = candidate?["version"]?.string { return "\(name)@\(version)" }
            guard !folder.isEmpty else { return nil }
            // Up one package: drop the last `node_modules/NAME` (NAME may be `@scope/name`).
            guard let marker = folder.range(of: "node_modules/", options: .backwards) else { return nil }
            folder = folder[..<marker.lowerBound]
            if folder.hasSuffix("/") { folder = folder.dropLast() }
        }
    }

    private static func nested(
        _ dependencies: TreeValue, inherited: [String: String], path: String, into out: inout [Package]
    ) {
        var versions = inherited
        for (name, entry) in dependencies.entries ?? [] {
            if let version = entry["version"]?.string { versions[name] = version }
        }
        for (name, entry) in dependencies.entries ?? [] {
            if let version = entry["version"]?.string, !version.contains(":"), !version.contains("/") {
                var package = LanguagePackage.make(
                    name: name, version: version, ecosystem: .npm, path: path,
                    isDevelopment: entry["dev"]?.isTrue == true)
                var dependsOn: Set<String> = []
                for (required, _) in entry["requires"]?.entries ?? [] {
                    if let resolved = entry["dependencies"]?[required]?["version"]?.string ?? versions[required] {
                        dependsOn.insert("\(required)@\(resolved)")
                    }
                }
                package.dependsOn = dependsOn.sorted()
                out.append(package)
            }
            if let inner = entry["dependencies"] { nested(inner, inherited: versions, path: path, into: &out) }
        }
    }

    /// `license` as a string, or the legacy `licenses` list.
    static func licenses(_ entry: TreeValue) -> [String] {
        if let license = entry["license"]?.string { return [license] }
        if let type = entry["license"]?["type"]?.string { return [type] }
        return (entry["licenses"]?.array ?? []).compactMap { $0.string ?? $0["type"]?.string }
    }
}
