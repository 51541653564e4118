import DrydockModel

/// Reads Dart's `pubspec.lock` (YAML): every package but SDK ones; `direct dev` dependencies are
/// development dependencies.
public enum PubspecLockParser {
    /// Parses one `pubspec.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try YAMLReader.parse(bytes, path: path)
        guard case .object = root else {
            throw CatalogError(code: .malformedLockfile, reason: "not a YAML mapping: not a pubspec.lock", location: path)
        }
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        for (name, entry) in root["packages"]?.entries ?? [] {
            if entry["source"]?.string == "sdk" { continue }
            guard let version = entry["version"]?.string else {
                warnings.append(CatalogWarning(path: path, message: "\(name) has no version; skipped"))
                continue
            }
            let dependency = entry["dependency"]?.string ?? ""
            packages.append(
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .pub, path: path,
                    relationship: dependency.hasPrefix("direct") ? .direct : .indirect,
                    isDevelopment: dependency == "direct dev"))
        }
        return LanguageFile(type: .pub, packages: packages, warnings: warnings)
    }
}
