import DrydockModel

/// Reads .NET's `*.deps.json`: the `libraries` of type `package` (`Name/Version` keys), and the application
/// project itself with relationship `root`, as Trivy reports it: the only library of type `project` that no
/// library of the runtime target depends on (none when there is not exactly one), depending on the
/// packages its target entry lists.
public enum DotNetDepsParser {
    /// Parses one `*.deps.json`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard let libraries = root["libraries"]?.entries else {
            if root["targets"] != nil || root["runtimeTarget"] != nil {
                return LanguageFile(type: .dotnetCore, packages: [])
            }
            throw CatalogError(code: .malformedLockfile, reason: "no 'libraries': not a deps.json", location: path)
        }
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        for (key, entry) in libraries where entry["type"]?.string?.lowercased() == "package" {
            guard let slash = key.firstIndex(of: "/") else {
                warnings.append(CatalogWarning(path: path, message: "library '\(key)' is not Name/Version; skipped"))
                continue
            }
            packages.append(
                LanguagePackage.make(
                    name: String(key[..<slash]), version: String(key[key.index(after: slash)...]), ecosystem: .nuget,
                    path: path))
        }
        if let project = rootProject(root, libraries: libraries, path: path) { packages.append(project) }
        return LanguageFile(type: .dotnetCore, packages: packages, warnings: warnings)
    }

    /// The root project as a package, with its dependencies from the runtime target, or `nil`.
    static func rootProject(_ root: TreeValue, libraries: [(key: String, value: TreeValue)], path: String) -> Package? {
        // Without the runtime target there is no graph to tell the root by, as in Trivy.
        guard let targetName = root["runtimeTarget"]?["name"]?.string,
            let target = root["targets"]?[targetName]?.entries
        else { return nil }
        var referenced: Set<String> = []
        var dependencies: [String: [String]] = [:]
        for (key, entry) in target {
            for (name, version) in entry["dependencies"]?.entries ?? [] {
                let id = "\(name)/\(version.string ?? "")"
                referenced.insert(id)
                dependencies[key, default: []].append(id)
            }
        }
        let projects = libraries.filter { $0.value["type"]?.string?.lowercased() == "project" }.map(\.key)
        let roots = projects.filter { !referenced.contains($0) }
        guard roots.count == 1, let key = roots.first, let slash = key.firstIndex(of: "/") else { return nil }
        let packageKeys = Set(libraries.filter { $0.value["type"]?.string?.lowercased() == "package" }.map(\.key))
        var project = LanguagePackage.make(
            name: String(key[..<slash]), version: String(key[key.index(after: slash)...]), ecosystem: .nuget,
            path: path, relationship: .root)
        project.dependsOn = (dependencies[key] ?? []).filter(packageKeys.contains).sorted()
        return project
    }
}
