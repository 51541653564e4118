import DrydockModel

/// Reads Composer's `composer.lock` and the installed `vendor/composer/installed.json`.
public enum ComposerParser {
    /// `composer.lock`: `packages`, and `packages-dev` marked as development dependencies. Each package's
    /// `require` names (not `php`, not `ext-*` extensions) become `dependsOn` IDs with the locked versions.
    public static func parseLock(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard root["packages"] != nil || root["packages-dev"] != nil else {
            throw CatalogError(code: .malformedLockfile, reason: "no 'packages': not a composer.lock", location: path)
        }
        var file = LanguageFile(type: .composer, packages: [])
        collect(root["packages"]?.array ?? [], isDevelopment: false, path: path, into: &file)
        collect(root["packages-dev"]?.array ?? [], isDevelopment: true, path: path, into: &file)
        var versions: [String: String] = [:]
        for package in file.packages where versions[package.name] == nil { versions[package.name] = package.version }
        let entries = (root["packages"]?.array ?? []) + (root["packages-dev"]?.array ?? [])
        var required: [String: [String]] = [:]
        for entry in entries {
            guard let name = entry["name"]?.string else { continue }
            required[name] = (entry["require"]?.entries ?? []).map(\.key).filter {
                $0 != "php" && !$0.hasPrefix("ext-")
            }
        }
        for index in file.packages.indices {
            let names = required[file.packages[index].name] ?? []
            file.packages[index].dependsOn =
                Set(names.compactMap { name in versions[name].map { "\(name)@\($0)" } }).sorted()
        }
        return file
    }

    /// `installed.json`: a list (Composer 1) or `{"packages": [...]}` (Composer 2).
    public static func parseInstalled(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard let list = root.array ?? root["packages"]?.array else {
            // Every `installed.json` is read (as Trivy does); only Composer's own place is expected to be one.
            guard path.hasSuffix("composer/installed.json") || path == "installed.json" else {
                return LanguageFile(type: .composerVendor, packages: [])
            }
            throw CatalogError(code: .malformedLockfile, reason: "no package list: not installed.json", location: path)
        }
        var file = LanguageFile(type: .composerVendor, packages: [])
        collect(list, isDevelopment: false, path: path, into: &file)
        return file
    }

    private static func collect(_ list: [TreeValue], isDevelopment: Bool, path: String, into file: inout LanguageFile) {
        for (index, entry) in list.enumerated() {
            guard let name = entry["name"]?.string, let version = entry["version"]?.string else {
                file.warnings.append(
                    CatalogWarning(path: path, message: "package #\(index + 1) has no name or version; skipped"))
                continue
            }
            var licenses =
                entry["license"]?.array?.compactMap(\.string) ?? entry["license"]?.string.map { [$0] } ?? []
            // Composer's list means a choice ("for dual licenses, provide an array"): one `OR` expression.
            if licenses.count > 1 { licenses = [licenses.map { "(\($0))" }.joined(separator: " OR ")] }
            file.packages.append(
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .packagist, path: path, licenses: licenses,
                    isDevelopment: isDevelopment))
        }
    }
}
