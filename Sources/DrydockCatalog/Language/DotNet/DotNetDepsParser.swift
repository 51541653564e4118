import DrydockModel

/// Reads .NET's `*.deps.json`: the `libraries` of type `package` (`Name/Version` keys).
public enum DotNetDepsParser {
    /// Parses one `*.deps.json`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard let libraries = root["libraries"]?.entries else {
            if root["targets"] != nil || root["runtimeTarget"] != nil { return LanguageFile(type: .dotnetCore, packages: []) }
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
        return LanguageFile(type: .dotnetCore, packages: packages, warnings: warnings)
    }
}
