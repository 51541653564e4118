import DrydockModel

/// Reads NuGet's `packages.lock.json` and the legacy `packages.config`.
public enum NuGetParser {
    /// Dispatches on the file name.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        path.hasSuffix(".config") ? try parseConfig(bytes, path: path) : try parseLock(bytes, path: path)
    }

    /// `packages.lock.json`: every framework's `Direct` and `Transitive` entries (project references are
    /// not packages), kept once per name and resolved version. An entry's `dependencies` names become
    /// `dependsOn` IDs with the versions resolved in the same framework (merged over frameworks).
    public static func parseLock(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard let frameworks = root["dependencies"]?.entries else {
            throw CatalogError(code: .malformedLockfile, reason: "no 'dependencies': not a NuGet lock", location: path)
        }
        var packages: [Package] = []
        var dependsOn: [Set<String>] = []
        var index: [String: Int] = [:]
        for (_, dependencies) in frameworks {
            let entries = dependencies.entries ?? []
            var resolved: [String: String] = [:]
            for (name, entry) in entries { resolved[name] = entry["resolved"]?.string }
            for (name, entry) in entries {
                let type = entry["type"]?.string ?? ""
                guard type != "Project", let version = entry["resolved"]?.string else { continue }
                let id = "\(name)@\(version)"
                let edges = (entry["dependencies"]?.entries ?? []).compactMap { dependency in
                    resolved[dependency.key].map { "\(dependency.key)@\($0)" }
                }
                if let existing = index[id] {
                    dependsOn[existing].formUnion(edges)
                    continue
                }
                index[id] = packages.count
                dependsOn.append(Set(edges))
                packages.append(
                    LanguagePackage.make(
                        name: name, version: version, ecosystem: .nuget, path: path,
                        relationship: type == "Direct" ? .direct : .indirect))
            }
        }
        for offset in packages.indices { packages[offset].dependsOn = dependsOn[offset].sorted() }
        return LanguageFile(type: .nuget, packages: packages)
    }

    /// `packages.config`: `<package id version>` elements; `developmentDependency="true"` ones are
    /// development dependencies.
    public static func parseConfig(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        for element in try XMLElements.collect(bytes, names: ["package"], path: path) {
            guard let name = element.attributes["id"], let version = element.attributes["version"] else {
                warnings.append(CatalogWarning(path: path, message: "<package> without id or version; skipped"))
                continue
            }
            packages.append(
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .nuget, path: path, relationship: .direct,
                    isDevelopment: element.attributes["developmentDependency"] == "true"))
        }
        return LanguageFile(type: .nuget, packages: packages, warnings: warnings)
    }
}
