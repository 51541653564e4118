import DrydockModel

/// Reads NuGet's `packages.lock.json` and the legacy `packages.config`.
public enum NuGetParser {
    /// Dispatches on the file name.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        path.hasSuffix(".config") ? try parseConfig(bytes, path: path) : try parseLock(bytes, path: path)
    }

    /// `packages.lock.json`: every framework's `Direct` and `Transitive` entries (project references are
    /// not packages), kept once per name and resolved version.
    public static func parseLock(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard let frameworks = root["dependencies"]?.entries else {
            throw CatalogError(code: .malformedLockfile, reason: "no 'dependencies': not a NuGet lock", location: path)
        }
        var packages: [Package] = []
        var seen: Set<String> = []
        for (_, dependencies) in frameworks {
            for (name, entry) in dependencies.entries ?? [] {
                let type = entry["type"]?.string ?? ""
                guard type != "Project", let version = entry["resolved"]?.string else { continue }
                guard seen.insert("\(name)@\(version)").inserted else { continue }
                packages.append(
                    LanguagePackage.make(
                        name: name, version: version, ecosystem: .nuget, path: path,
                        relationship: type == "Direct" ? .direct : .indirect))
            }
        }
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
