import DrydockModel

/// Reads Pipenv's `Pipfile.lock` (JSON): `default` packages, and `develop` ones marked as development.
public enum PipfileLockParser {
    /// Parses one `Pipfile.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard root["default"] != nil || root["develop"] != nil else {
            throw CatalogError(code: .malformedLockfile, reason: "no 'default' or 'develop' section", location: path)
        }
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        for (section, isDevelopment) in [("default", false), ("develop", true)] {
            for (name, entry) in root[section]?.entries ?? [] {
                guard let pinned = entry["version"]?.string, pinned.hasPrefix("==") else {
                    warnings.append(CatalogWarning(path: path, message: "\(name) has no pinned version; skipped"))
                    continue
                }
                packages.append(
                    LanguagePackage.make(
                        name: name, version: String(pinned.dropFirst(2)), ecosystem: .pypi, path: path,
                        isDevelopment: isDevelopment))
            }
        }
        return LanguageFile(type: .pipenv, packages: packages, warnings: warnings)
    }
}
